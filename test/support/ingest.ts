import { promises as fs } from 'node:fs'
import type { Channel } from '../../src/domain/channel.js'
import { ingestPaths } from '../../src/cli/ingest-paths.js'
import type { FileOutcome } from '../../src/cli/wait-for-ingest.js'
import type { Services } from '../../src/services.js'

/** Enqueues files as `dering ingest --wait` does and waits for their jobs (a worker must run). */
export function ingestAndWait(
  services: Services,
  channel: Channel,
  paths: string[],
): Promise<FileOutcome[]> {
  return ingestPaths(services, paths, { channelOf: () => channel })
}

/** Writes text to a file in `dir` and returns its path. */
export async function writeTempFile(
  dir: string,
  name: string,
  content: string | Buffer,
): Promise<string> {
  const path = `${dir}/${name}`
  await fs.writeFile(path, content)
  return path
}
