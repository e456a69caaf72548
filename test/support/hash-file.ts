import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/** Streams a file through sha256: the content address of its ingest job. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
