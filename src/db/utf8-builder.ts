import { constants } from 'node:buffer'

const { MAX_LENGTH } = constants

/**
 * Text written straight into UTF-8 bytes as it comes: a batch's large payloads (raw records,
 * staged rows) then live outside the JavaScript heap, which neither copies them from one garbage
 * collection to the next nor encodes them again for the wire.
 */
export class Utf8Builder {
  private buffer = Buffer.allocUnsafeSlow(64 * 1024)
  private length = 0

  append(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    const room = this.length + text.length * 3
    if (room > this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(
        Math.max(room, Math.min(this.buffer.length * 2, MAX_LENGTH)),
      )
      this.buffer.copy(grown, 0, 0, this.length)
      this.buffer = grown
    }
    this.length += this.buffer.write(text, this.length, 'utf8')
  }

  /** The bytes written, as a plain Uint8Array over the builder's own memory. */
  bytes(): Uint8Array<ArrayBuffer> {
    return new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.length)
  }
}
