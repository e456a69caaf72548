/**
 * The one place where text becomes something Postgres accepts. Postgres text cannot hold a NUL
 * character (nor jsonb a \u0000), and its UTF-8 has no lone surrogate (jsonb refuses a lone
 * \ud800 escape). Text from files is anything at all, so every string bound for Postgres, facts,
 * reasons, raw records, file names, notes and error messages alike, passes through here: NULs are
 * dropped and lone surrogates become U+FFFD. One bad byte must never fail a batch. A quarantined
 * record's raw text is the exception: it keeps such characters visible as escapes, since they
 * may be why it was rejected.
 */

const SUSPECT = /[\0\uD800-\uDFFF]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const NUL_OR_LONE_SURROGATE = new RegExp(`\\0|${LONE_SURROGATE.source}`, 'g')

/** `text` without NULs and with each lone surrogate replaced by U+FFFD. */
export function postgresText(text: string): string {
  if (!SUSPECT.test(text)) return text
  return text.replaceAll('\0', '').replace(LONE_SURROGATE, '\uFFFD')
}

/**
 * Quarantined raw text as Postgres accepts it and an operator can still read it: a NUL becomes
 * `\x00` and a lone surrogate `\udXXX`, as escapeControl shows other control characters.
 */
export function postgresRawText(text: string): string {
  if (!SUSPECT.test(text)) return text
  return text.replace(NUL_OR_LONE_SURROGATE, (ch) =>
    ch === '\0' ? '\\x00' : `\\u${ch.charCodeAt(0).toString(16)}`,
  )
}

/** postgresText for every string in a value (arrays and plain objects, however deep). */
export function postgresValue<T>(value: T): T {
  if (typeof value === 'string') return postgresText(value) as T
  if (Array.isArray(value)) return value.map(postgresValue) as T
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [postgresText(k), postgresValue(v)]),
    ) as T
  }
  return value
}

/** postgresText for the top-level strings of a record; the record itself when none changes. */
export function postgresFields<T extends object>(record: T): T {
  let copy: Record<string, unknown> | null = null
  for (const key in record) {
    const value: unknown = record[key]
    if (typeof value !== 'string') continue
    const clean = postgresText(value)
    if (clean === value) continue
    copy ??= { ...record } as Record<string, unknown>
    copy[key] = clean
  }
  return (copy ?? record) as T
}

// JSON.stringify writes a NUL as \u0000 and a lone surrogate as a \udXXX escape (paired ones stay
// literal), so the JSON text shows whether the value needs cleaning.
const SUSPECT_JSON = /\\u0000|\\ud[89a-f]/i

/** JSON text of `value` that jsonb accepts, copying the value only when its text needs it. */
export function postgresJson(value: unknown): string {
  const json = JSON.stringify(value)
  return isPostgresJson(json) ? json : JSON.stringify(postgresValue(value))
}

/**
 * Whether JSON text as a file held it (an NDJSON line) is one jsonb accepts as it is. Text
 * decoded from UTF-8 has no lone surrogate, and JSON has no raw NUL inside a string, so only
 * the escapes can be wrong.
 */
export function isPostgresJson(json: string): boolean {
  // Most text has no escape at all: looking for one is much cheaper than the pattern.
  return !json.includes('\\u') || !SUSPECT_JSON.test(json)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}
