import { Transform, type Readable } from 'node:stream'

/**
 * The input again, in pieces of at most `pieceBytes` (views, not copies), counting the bytes
 * that have passed (how far into the file reading got).
 */
export function countBytes(
  input: Readable,
  pieceBytes = Infinity,
): { stream: Readable; bytesRead: () => number } {
  let bytes = 0
  const tap = new Transform({
    // Pieces stay apart: a byte stream's reader would be handed them joined again.
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length
      let rest = chunk
      while (rest.length > pieceBytes) {
        this.push(rest.subarray(0, pieceBytes))
        rest = rest.subarray(pieceBytes)
      }
      done(null, rest)
    },
  })
  return { stream: input.pipe(tap), bytesRead: () => bytes }
}
