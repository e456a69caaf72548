const QUOTE = 0x22
const CR = 0x0d
const LF = 0x0a

/**
 * Frames a CSV record that lies whole in one chunk by searching the chunk (`indexOf`) for its
 * quotes, separators and line end, rather than looking at each character: what csv-records.ts
 * makes of it, at a fraction of the cost, for nearly every record of a file. Anything else (a
 * record running past the chunk, a CR ending it, text after a closing quote, a record over the
 * limit) is left to that framer: `scan` then returns -1 and has kept nothing.
 */
export class WholeRecordScanner {
  /** The scanned record's cells. */
  cells: string[] = []
  /** Where the scanned record's text ends: its line end. */
  end = 0
  /** The line feeds inside the scanned record's quoted fields. */
  newlines = 0

  private chunk = ''
  // The next separator, LF and CR at or after where they were last looked for (the chunk's
  // length when there is none): a record's search for its line end serves all its fields.
  private sepAt = -1
  private lfAt = -1
  private crAt = -1

  private readonly sepCode: number

  constructor(
    private readonly sep: string,
    private readonly maxRecordChars: number,
  ) {
    this.sepCode = sep.charCodeAt(0)
  }

  startChunk(chunk: string): void {
    this.chunk = chunk
    this.sepAt = this.lfAt = this.crAt = -1
  }

  /** Frames the record starting at `from`: where the next one starts, or -1. */
  scan(from: number): number {
    const { chunk } = this
    const length = chunk.length
    const cells: string[] = []
    let newlines = 0
    let at = from
    for (;;) {
      let after: number
      if (chunk.charCodeAt(at) === QUOTE) {
        let value = ''
        let part = at + 1
        for (;;) {
          const quote = chunk.indexOf('"', part)
          if (quote === -1 || quote + 1 >= length) return -1
          value += chunk.slice(part, quote)
          if (chunk.charCodeAt(quote + 1) !== QUOTE) {
            after = quote + 1
            break
          }
          value += '"'
          part = quote + 2
        }
        let lf = this.lfAt < at ? this.find('\n', at) : this.lfAt
        for (; lf < after; lf = this.find('\n', lf + 1)) newlines += 1
        this.lfAt = lf
        cells.push(value)
      } else {
        if (this.sepAt < at) this.sepAt = this.find(this.sep, at)
        if (this.lfAt < at) this.lfAt = this.find('\n', at)
        if (this.crAt < at) this.crAt = this.find('\r', at)
        after = Math.min(this.sepAt, this.lfAt, this.crAt)
        if (after >= length) return -1
        cells.push(chunk.slice(at, after))
      }
      const c = chunk.charCodeAt(after)
      if (c === this.sepCode) {
        at = after + 1
        continue
      }
      if ((c !== LF && c !== CR) || after - from > this.maxRecordChars) return -1
      if (c === CR && after + 1 >= length) return -1 // a CRLF split between chunks
      this.cells = cells
      this.end = after
      this.newlines = newlines
      return c === CR && chunk.charCodeAt(after + 1) === LF ? after + 2 : after + 1
    }
  }

  private find(text: string, from: number): number {
    const at = this.chunk.indexOf(text, from)
    return at === -1 ? this.chunk.length : at
  }
}
