import type { Channel } from '../domain/channel.js'
import { ingestJobId, type IngestPayload } from '../queue/catalog.js'
import type { Services } from '../services.js'
import { findEarlierImport, type EarlierImport } from './earlier-import.js'

type EnqueueState = 'queued' | 'already queued' | 'already ingested' | 'failed earlier'

export interface EnqueuedFile {
  /** The original file (the payload's `name`). */
  path: string
  channel: Channel
  sha256: string
  jobId: string
  state: EnqueueState
  /** With `already ingested`: the import of this database that loaded the content. */
  earlier?: EarlierImport
}

/**
 * Adds the ingest job of a spooled file under its content address, unless this database already holds a
 * succeeded import of the content (`already ingested`, decided by Postgres whatever Redis
 * remembers) or the job is waiting, running or failed (replay it). A completed job left in
 * Redis (another database, a restored one) never blocks a file: it is replaced. `force` loads
 * the file again even when it was ingested.
 */
export async function enqueueFile(
  services: Pick<Services, 'db' | 'queues'>,
  payload: IngestPayload,
): Promise<EnqueuedFile> {
  const jobId = ingestJobId(payload.channel, payload.sha256)
  const enqueued = { path: payload.name, channel: payload.channel, sha256: payload.sha256, jobId }
  const earlier = await findEarlierImport(services.db, payload)
  if (earlier) return { ...enqueued, state: 'already ingested', earlier }
  const existing = await services.queues.ingest.getJob(jobId)
  if (existing) {
    const state = await existing.getState()
    if (state === 'failed' && !payload.force) return { ...enqueued, state: 'failed earlier' }
    if (state !== 'completed' && state !== 'failed') return { ...enqueued, state: 'already queued' }
    // A finished job of content this database lacks (or a forced one): make room for a new run.
    await existing.remove()
  }
  await services.queues.ingest.add('file', payload, { jobId })
  return { ...enqueued, state: 'queued' }
}
