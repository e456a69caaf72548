import type { Readable } from 'node:stream'

/** How much of an oversized line is kept with its reject. */
export const LINE_EXCERPT_BYTES = 2000

/** One line without its line end; `oversized` when it was longer than the limit. */
export interface BoundedLine {
  lineNumber: number
  /** The line's text, or its first LINE_EXCERPT_BYTES when oversized. */
  text: string
  /** The line's full length in bytes when it exceeded the limit and was skipped. */
  oversized?: number
}

const LF = 0x0a
const CR = 0x0d

/**
 * The input's lines (CRLF, LF or CR ends, as readline splits them; UTF-8), never holding more than `maxBytes` of one line: a
 * longer line is skipped to its end and comes back as an excerpt with its size, so a 2 GB line
 * costs no more memory than a short one and the lines after it are read as usual.
 */
export async function* boundedLines(
  input: Readable | AsyncIterable<Buffer>,
  maxBytes: number,
): AsyncGenerator<BoundedLine> {
  let parts: Buffer[] = []
  let size = 0
  let lineNumber = 1
  let skipped = false
  let excerpt = ''
  const take = (piece: Buffer) => {
    if (skipped) {
      size += piece.length
      return
    }
    size += piece.length
    parts.push(piece)
    if (size > maxBytes) {
      excerpt = Buffer.concat(parts).subarray(0, LINE_EXCERPT_BYTES).toString('utf8')
      parts = []
      skipped = true
    }
  }
  const finish = (): BoundedLine => {
    const line: BoundedLine = skipped
      ? { lineNumber, text: excerpt, oversized: size }
      : { lineNumber, text: Buffer.concat(parts).toString('utf8') }
    parts = []
    size = 0
    skipped = false
    excerpt = ''
    lineNumber += 1
    return line
  }
  let pendingCr = false // a CR ended the last chunk: an LF starting the next belongs to it
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    let from = pendingCr && bytes[0] === LF ? 1 : 0
    pendingCr = false
    let lf = bytes.indexOf(LF, from)
    let cr = bytes.indexOf(CR, from)
    while (lf !== -1 || cr !== -1) {
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(lf, cr)
      take(bytes.subarray(from, end))
      yield finish()
      from = end + 1
      if (end === cr) {
        if (from === bytes.length) pendingCr = true
        else if (bytes[from] === LF) from += 1
      }
      if (lf !== -1 && lf < from) lf = bytes.indexOf(LF, from)
      if (cr !== -1 && cr < from) cr = bytes.indexOf(CR, from)
    }
    if (from < bytes.length) take(bytes.subarray(from))
  }
  if (size > 0) yield finish()
}

/** The reject reason of a line over the limit. */
export function oversizedReason(bytes: number, maxBytes: number): string {
  return `record larger than MAX_RECORD_BYTES (${bytes} bytes, limit ${maxBytes}): skipped`
}
