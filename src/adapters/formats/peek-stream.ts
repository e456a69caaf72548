import { Readable } from 'node:stream'

export interface PeekedStream {
  /** At least the first `bytes` bytes (fewer only at end of input). */
  head: Buffer
  /** The whole input again, head included, still streaming. */
  stream: Readable
}

/** Reads the start of a stream to sniff its format without losing or buffering the rest. */
export async function peekStream(input: Readable, bytes: number): Promise<PeekedStream> {
  const iterator: AsyncIterator<Buffer | string> = input[Symbol.asyncIterator]()
  const chunks: Buffer[] = []
  let size = 0
  while (size < bytes) {
    const next = await iterator.next()
    if (next.done) break
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value
    chunks.push(chunk)
    size += chunk.length
  }
  const head = Buffer.concat(chunks)
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head
    for (;;) {
      const next = await iterator.next()
      if (next.done) return
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value
    }
  }
  return { head, stream: Readable.from(replay(), { objectMode: false }) }
}
