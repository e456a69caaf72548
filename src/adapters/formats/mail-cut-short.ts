/**
 * Whether the last message of a mailbox (or an .eml) was cut short by the end of the file, by
 * how mail is written: a multipart message always ends with its closing `--boundary--` line, and
 * a header block always ends with a blank line once a body follows. A single-part message, or
 * one that merely lacks a final newline, is whole.
 */

/** A header block this long with no end is a message cut inside its headers, not a body-less one. */
const UNENDED_HEADERS_BYTES = 8 * 1024

const HEADER_END = /(?:^|\n)\r?\n/
const HEADER_LINE = /^(?:[!-9;-~]+[ \t]*:|[ \t])/
const BOUNDARY = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i

/** Why the message's bytes stop inside it, or null when they hold a whole message. */
export function cutShortReason(bytes: Buffer): string | null {
  const text = bytes.toString('latin1')
  const headerEnd = HEADER_END.exec(text)
  if (!headerEnd) {
    const lines = text.split('\n').filter((line) => line.replace(/\r$/, '') !== '')
    const allHeaders = lines.every((line) => HEADER_LINE.test(line))
    return allHeaders && bytes.length > UNENDED_HEADERS_BYTES
      ? `its headers never end (no blank line in ${bytes.length} bytes)`
      : null
  }
  const boundary = multipartBoundary(text.slice(0, headerEnd.index))
  if (boundary === null) return null
  const bodyStart = headerEnd.index + headerEnd[0].length
  return closesBoundary(bytes.subarray(bodyStart), boundary)
    ? null
    : `its multipart body is never closed (no "--${boundary}--" line)`
}

/** The boundary of a top-level `Content-Type: multipart/…` header, else null. */
function multipartBoundary(headers: string): string | null {
  const unfolded = headers.replace(/\r?\n(?=[ \t])/g, '')
  const contentType = /^content-type[ \t]*:(.*)$/im.exec(unfolded)?.[1]
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return null
  const match = BOUNDARY.exec(contentType)
  const boundary = (match?.[1] ?? match?.[2])?.trim()
  return boundary ? boundary : null
}

/** Whether a line starting `--<boundary>--` closes the body (a nested part's cannot close it). */
function closesBoundary(body: Buffer, boundary: string): boolean {
  const delimiter = Buffer.from(`--${boundary}--`, 'latin1')
  for (let at = body.indexOf(delimiter); at !== -1; at = body.indexOf(delimiter, at + 1)) {
    if (at === 0 || body[at - 1] === 0x0a) return true
  }
  return false
}
