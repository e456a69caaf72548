import { isEnvelopeLine, lineBreakAt, LINE_HEAD_BYTES, NEWLINE } from './mbox-lines.js'

/** What a counted body decided once it could: its bytes, or that Content-Length was wrong. */
export type CountedVerdict =
  | { verdict: 'more' }
  /** The body ends on a boundary: `rest` starts at the next envelope line (or is empty at the end). */
  | { verdict: 'boundary'; body: Buffer; rest: Buffer }
  /**
   * It does not: every byte taken so far and the rest, to be split at From lines instead.
   * `pastEnd`: the file ended before the counted bytes did.
   */
  | { verdict: 'mismatch'; bytes: Buffer; pastEnd: boolean }

const CONTENT_LENGTH = /^content-length:[ \t]*(\d{1,15})[ \t]*\r?\n$/i

/** The value of a `Content-Length:` header line (mboxcl, mboxcl2), else null. */
export function contentLengthOf(line: Buffer): number | null {
  if (line.length > 64 || (line[0] !== 0x43 && line[0] !== 0x63)) return null
  const match = CONTENT_LENGTH.exec(line.toString('latin1'))
  return match ? Number(match[1]) : null
}

/**
 * A message body read by its `Content-Length` (mboxcl, mboxcl2): exactly that many bytes, trusted
 * only when they end where the next message starts (end of file, or a `From ` envelope line
 * after at most one blank line). Then a body line starting `From ` stays in its message.
 */
export class CountedBody {
  private parts: Buffer[] = []
  private size = 0
  private after: Buffer = Buffer.alloc(0)

  constructor(private readonly length: number) {}

  take(chunk: Buffer, atEnd: boolean): CountedVerdict {
    let bytes = chunk
    if (this.size < this.length) {
      const taken = bytes.subarray(0, this.length - this.size)
      this.parts.push(taken)
      this.size += taken.length
      bytes = bytes.subarray(taken.length)
      if (this.size < this.length) return atEnd ? this.mismatch(true) : { verdict: 'more' }
    }
    this.after = this.after.length === 0 ? bytes : Buffer.concat([this.after, bytes])
    const next = nextMessageOffset(this.after, atEnd)
    if (next === 'undecided') return { verdict: 'more' }
    if (next === null) return this.mismatch(false)
    return {
      verdict: 'boundary',
      body: Buffer.concat(this.parts),
      rest: this.after.subarray(next),
    }
  }

  private mismatch(pastEnd: boolean): CountedVerdict {
    return { verdict: 'mismatch', bytes: Buffer.concat([...this.parts, this.after]), pastEnd }
  }
}

/** Where the next message starts in the bytes after a body: after one blank line at most. */
function nextMessageOffset(after: Buffer, atEnd: boolean): number | 'undecided' | null {
  const blank = lineBreakAt(after, 0, atEnd)
  if (blank === null) return 'undecided'
  if (after.length === blank) return atEnd ? blank : 'undecided'
  const newline = after.indexOf(NEWLINE, blank)
  const wholeLine = newline !== -1 || atEnd
  if (!wholeLine && after.length - blank < LINE_HEAD_BYTES) return 'undecided'
  const line = after.subarray(blank, newline === -1 ? after.length : newline + 1)
  return isEnvelopeLine(line, wholeLine) ? blank : null
}
