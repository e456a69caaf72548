import { Transform, type Readable } from 'node:stream'

/** The input again, counting the bytes that have passed (how far into the file reading got). */
export function countBytes(input: Readable): { stream: Readable; bytesRead: () => number } {
  let bytes = 0
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length
      done(null, chunk)
    },
  })
  return { stream: input.pipe(tap), bytesRead: () => bytes }
}
