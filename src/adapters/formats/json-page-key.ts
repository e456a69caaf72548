/** Top-level keys longer than this (escapes and all) cannot spell `data`. */
const MAX_KEY_BYTES = 32

/**
 * A top-level key of an API page, read across chunks only as far as it takes to tell whether it
 * is `data` (which it is escaped or not: `"d\u0061ta"` is `data` too). Its bytes are taken as
 * Latin-1: a key with other than ASCII in it is not `data` either way.
 */
export class PageKeyReader {
  private text = ''

  /** The key's text starts at `from` in the chunk in hand. */
  constructor(private from: number) {}

  /** The chunk in hand ends before `end` or inside the key. */
  keep(chunk: Buffer, end = chunk.length): void {
    if (this.text.length <= MAX_KEY_BYTES) this.text += chunk.toString('latin1', this.from, end)
    this.from = 0
  }

  /** Whether the key, which ends before `end` in `chunk`, is `data`. */
  isData(chunk: Buffer, end: number): boolean {
    this.keep(chunk, end)
    // The scan has checked the key's escapes, so that it parses as a JSON string.
    return this.text.length <= MAX_KEY_BYTES && JSON.parse(`"${this.text}"`) === 'data'
  }
}
