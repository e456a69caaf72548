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
    this.makeRoom(text.length * 3)
    this.length += this.buffer.write(text, this.length, 'utf8')
  }

  /** One ASCII character by its code, without a call into the encoder. */
  appendAscii(code: number): void {
    this.makeRoom(1)
    this.buffer[this.length++] = code
  }

  private makeRoom(bytes: number): void {
    const room = this.length + bytes
    if (room <= this.buffer.length) return
    const grown = Buffer.allocUnsafeSlow(
      Math.max(room, Math.min(this.buffer.length * 2, MAX_LENGTH)),
    )
    this.buffer.copy(grown, 0, 0, this.length)
    this.buffer = grown
  }

  /** The bytes written, as a plain Uint8Array over the builder's own memory. */
  bytes(): Uint8Array<ArrayBuffer> {
    return new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.length)
  }
}
