/**
 * Control characters a terminal or viewer would act on instead of showing: C0 (ESC, BEL, CR,
 * backspace …), DEL, C1 (0x80–0x9F, e.g. CSI), the line and paragraph separators and the bidi
 * embeddings, overrides and isolates (text that displays in another order than it reads).
 */
/* eslint-disable no-control-regex -- finding control characters is the point */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
const CONTROL_EXCEPT_NEWLINE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
/* eslint-enable no-control-regex */

/**
 * The one way data reaches a human-readable output (tables, messages, the text and HTML
 * report): every control character shown as an escape (`\x1b`, `\u202e`), so a value or file
 * name from an export can neither drive the terminal nor disguise itself. A table cell keeps
 * no line break either; a message may keep its `\n` (`keepNewlines`). `--json` output never
 * goes through here: it keeps the exact text.
 */
export function escapeControl(text: string, options: { keepNewlines?: boolean } = {}): string {
  return text.replace(options.keepNewlines ? CONTROL_EXCEPT_NEWLINE : CONTROL, (ch) => {
    const code = ch.charCodeAt(0)
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`
  })
}
