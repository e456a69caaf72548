import type { Job } from 'bullmq'
import type { Channel } from '../domain/channel.js'
import { ingestJobId, type IngestPayload, type IngestResult } from '../queue/catalog.js'
import type { Queues } from '../queue/queues.js'

export type EnqueueState = 'queued' | 'already queued' | 'already ingested' | 'failed earlier'

export interface EnqueuedFile {
  path: string
  channel: Channel
  sha256: string
  jobId: string
  state: EnqueueState
}

/**
 * Adds a file's ingest job under its content address. A file whose job already exists is not
 * added again: it is waiting or running, was ingested, or failed and waits for a replay.
 */
export async function enqueueFile(queues: Queues, payload: IngestPayload): Promise<EnqueuedFile> {
  const jobId = ingestJobId(payload.channel, payload.sha256)
  const existing: Job<IngestPayload, IngestResult> | undefined = await queues.ingest.getJob(jobId)
  const enqueued = { ...payload, jobId }
  if (existing) {
    const state = await existing.getState()
    if (state === 'completed') return { ...enqueued, state: 'already ingested' }
    if (state === 'failed') return { ...enqueued, state: 'failed earlier' }
    return { ...enqueued, state: 'already queued' }
  }
  await queues.ingest.add('file', payload, { jobId })
  return { ...enqueued, state: 'queued' }
}
