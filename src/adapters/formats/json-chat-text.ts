import { LINE_EXCERPT_BYTES } from './bounded-lines.js'

/** One chat's JSON text as the file holds it, or its size and first bytes when over the limit. */
export type ChatText = { text: string } | { oversized: number; excerpt: string }

/**
 * Gathers one chat's bytes as a scan finds them, chunk by chunk, keeping at most `maxBytes`:
 * past that the bytes are only counted and the chat comes back as its size and first bytes.
 */
export class ChatTextCollector {
  /** Where the chat starts in the chunk in hand (0 when it started in an earlier one). */
  from = 0
  /** Whether the chat has whitespace JSON does not allow (see withJsonSpaces). */
  hasOddSpace = false
  private parts: Buffer[] = []
  private size = 0
  private excerpt: string | null = null

  constructor(
    private readonly maxBytes: number,
    from: number,
  ) {
    this.from = from
  }

  /** The chunk in hand ends inside the chat: keeps its part (or only counts it, once over). */
  keep(chunk: Buffer): void {
    const part = chunk.subarray(this.from)
    this.from = 0
    this.size += part.length
    if (this.excerpt !== null) return
    this.parts.push(part)
    if (this.size > this.maxBytes) {
      this.excerpt = excerptOf(this.parts)
      this.parts = []
    }
  }

  /** The chat's text, which ends before `end` in `chunk`. */
  finish(chunk: Buffer, end: number): ChatText {
    const last = chunk.subarray(this.from, end)
    const size = this.size + last.length
    if (this.excerpt !== null || size > this.maxBytes) {
      return { oversized: size, excerpt: this.excerpt ?? excerptOf([...this.parts, last]) }
    }
    const text =
      this.parts.length === 0
        ? last.toString('utf8')
        : Buffer.concat([...this.parts, last]).toString('utf8')
    return { text: this.hasOddSpace ? withJsonSpaces(text) : text }
  }
}

/** The first LINE_EXCERPT_BYTES of a chat's bytes, as text. */
function excerptOf(parts: Buffer[]): string {
  return Buffer.concat(parts).subarray(0, LINE_EXCERPT_BYTES).toString('utf8')
}

/** `\s` outside the four whitespace characters JSON allows. */
const NOT_JSON_SPACE = /[^\S \t\n\r]/
/** A string, or one character outside strings. */
const STRING_OR_CHAR = /"(?:[^"\\]|\\.)*"|[^]/g

/**
 * JSON text in which the whitespace `\s` allows but JSON does not (a form feed, a no-break
 * space, a BOM between tokens) is each a plain space, so that JSON.parse reads what the scan,
 * lenient as stream-json was, took for valid.
 */
function withJsonSpaces(text: string): string {
  return text.replace(STRING_OR_CHAR, (piece) =>
    piece.length === 1 && NOT_JSON_SPACE.test(piece) ? ' ' : piece,
  )
}
