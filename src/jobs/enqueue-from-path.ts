import type { Channel } from '../domain/channel.js'
import type { Services } from '../services.js'
import { captureFile, type CapturedFile } from '../spool/capture-file.js'
import { enqueueFile, type EnqueuedFile } from './enqueue-file.js'

export interface FileToIngest {
  channel: Channel
  path: string
  force?: boolean
}

/**
 * Captures a file into the spool and queues its job: what `dering ingest` and the inbox scan
 * do with every file. The job names the content, and the worker reads only the spool.
 */
export async function enqueueFromPath(
  services: Pick<Services, 'db' | 'queues' | 'config'>,
  file: FileToIngest,
): Promise<EnqueuedFile & { captured: CapturedFile }> {
  const captured = await captureFile(services.config.SPOOL_DIR, file.path)
  const payload = { channel: file.channel, sha256: captured.sha256, name: file.path }
  const enqueued = await enqueueFile(services, file.force ? { ...payload, force: true } : payload)
  return { ...enqueued, captured }
}
