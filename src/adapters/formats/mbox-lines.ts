/** Line shapes of an mbox file: the `From ` envelope line, `>From ` escapes, blank lines. */

/** Enough of a line's start to recognize `From ` or `>>…>From ` without holding long lines. */
export const LINE_HEAD_BYTES = 1024

export const NEWLINE = 0x0a
const CARRIAGE_RETURN = 0x0d

const DAY = '(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*'
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*'
const TIME = '\\d{1,2}:\\d{2}(?::\\d{2})?'
const ZONE = '(?:[+-]\\d{4}|[a-z]{1,5})'
/** asctime (`Mon Jan  1 00:00:00 2021`), with a zone before or after the year as some writers add. */
const ASCTIME = `${DAY},?\\s+${MONTH}\\s+\\d{1,2}\\s+${TIME}\\s+(?:${ZONE}\\s+)?\\d{4}(?:\\s+${ZONE})?`
/** RFC 5322 style (`Mon, 1 Jan 2021 00:00:00 +0000`), written by a few converters. */
const RFC_DATE = `${DAY},?\\s+\\d{1,2}\\s+${MONTH}\\s+\\d{4}\\s+${TIME}(?:\\s+${ZONE})?`
/**
 * `From <sender> <date>`: the sender is an address, `MAILER-DAEMON`, `-` (Netscape, Thunderbird)
 * or, rarely, missing; the date ends the line (UUCP adds `remote from <host>`).
 */
const ENVELOPE_LINE = new RegExp(
  `^From (?:\\S.*?\\s+|\\s*)(?:${ASCTIME}|${RFC_DATE})(?:\\s+remote from \\S+)?\\s*$`,
  'i',
)
const ESCAPED_FROM_LINE = /^>+From /

/** Any line starting `From `: what marks a file as an mbox when it is the first line. */
export function isFromLine(line: Buffer): boolean {
  return line[0] === 0x46 && line.subarray(0, 5).toString('latin1') === 'From '
}

/**
 * A `From ` line with a sender and a date: a message separator. `line` is a whole line or, for a
 * longer one, its first LINE_HEAD_BYTES (no envelope line is that long).
 */
export function isEnvelopeLine(line: Buffer, wholeLine: boolean): boolean {
  if (!isFromLine(line) || (!wholeLine && line.length >= LINE_HEAD_BYTES)) return false
  return ENVELOPE_LINE.test(line.toString('latin1').replace(/\r?\n$/, ''))
}

export function isEscapedFromLine(line: Buffer): boolean {
  return (
    line[0] === 0x3e && ESCAPED_FROM_LINE.test(line.subarray(0, LINE_HEAD_BYTES).toString('latin1'))
  )
}

export function isBlankLine(line: Buffer): boolean {
  return (
    (line.length === 1 && line[0] === NEWLINE) ||
    (line.length === 2 && line[0] === CARRIAGE_RETURN && line[1] === NEWLINE)
  )
}

/** Bytes of a line break at `offset` (LF or CRLF), 0 when there is none, null when undecided yet. */
export function lineBreakAt(bytes: Buffer, offset: number, atEnd: boolean): number | null {
  if (bytes[offset] === NEWLINE) return 1
  if (bytes[offset] !== CARRIAGE_RETURN) return 0
  if (offset + 1 >= bytes.length) return atEnd ? 0 : null
  return bytes[offset + 1] === NEWLINE ? 2 : 0
}

/** Drops one `>` from every `>From `, `>>From `… line of a body (mboxrd). */
export function unescapeFromLines(body: Buffer): Buffer {
  if (body.indexOf('>From ') === -1) return body
  const parts: Buffer[] = []
  let position = 0
  while (position < body.length) {
    const newline = body.indexOf(NEWLINE, position)
    const end = newline === -1 ? body.length : newline + 1
    const line = body.subarray(position, end)
    parts.push(isEscapedFromLine(line) ? line.subarray(1) : line)
    position = end
  }
  return Buffer.concat(parts)
}
