import { promises as fs } from 'node:fs'
import type { Channel } from '../../src/domain/channel.js'
import { enqueueFile } from '../../src/jobs/enqueue-file.js'
import { hashFile } from '../../src/files/hash-file.js'
import { waitForIngest, type FileOutcome } from '../../src/cli/wait-for-ingest.js'
import type { Services } from '../../src/services.js'

/** Enqueues files as `dering ingest --wait` does and waits for their jobs (a worker must run). */
export async function ingestAndWait(services: Services, channel: Channel, paths: string[]): Promise<FileOutcome[]> {
  const files = []
  const sizes = new Map<string, number>()
  for (const path of paths) {
    files.push(await enqueueFile(services.queues, { channel, path, sha256: await hashFile(path) }))
    sizes.set(path, (await fs.stat(path)).size)
  }
  return waitForIngest(services.queues, files, sizes)
}

/** Writes text to a fresh temporary file and returns its path. */
export async function writeTempFile(dir: string, name: string, content: string | Buffer): Promise<string> {
  const path = `${dir}/${name}`
  await fs.writeFile(path, content)
  return path
}
