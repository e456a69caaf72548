import type { Job } from 'bullmq'
import type { QueueName } from '../queue/catalog.js'
import type { Services } from '../services.js'
import { findJob } from './find-jobs.js'
import { releaseSpoolEntry } from './spool-retention.js'
import {
  describeFailedJob,
  listFailedJobs,
  type FailedFilter,
  type FailedJob,
} from './list-failed-jobs.js'

export type DiscardOutcome =
  { status: 'discarded'; job: FailedJob } | { status: 'refused'; id: string; reason: string }

export type DiscardSelection =
  | { ids: readonly string[]; queues: readonly QueueName[] }
  | { all: FailedFilter & { olderThan?: Date } }

/**
 * Removes failed jobs for good, so `dering failed` and the `failed > 0` alert clear, and with
 * an ingest job its spool entry when no other job or import needs it. Only failed jobs:
 * anything else is refused.
 */
export async function discardJobs(
  services: Pick<Services, 'queues' | 'db' | 'config'>,
  selection: DiscardSelection,
): Promise<DiscardOutcome[]> {
  const { queues } = services
  const outcomes: DiscardOutcome[] = []
  const discardOne = (queue: QueueName, id: string) => discardJob(services, queue, id)
  if ('all' in selection) {
    const { olderThan } = selection.all
    const failed = await listFailedJobs(queues, selection.all)
    for (const job of failed) {
      if (olderThan && (job.failedAt?.getTime() ?? 0) >= olderThan.getTime()) continue
      outcomes.push(await discardOne(job.queue, job.id))
    }
    return outcomes
  }
  for (const given of selection.ids) {
    const found = await findJob(queues, selection.queues, given)
    outcomes.push(
      'problem' in found
        ? { status: 'refused', id: found.id, reason: found.problem }
        : await discardOne(found.queue, found.id),
    )
  }
  return outcomes
}

/** Removes one failed job and releases its spool entry; refuses a job that is not failed. */
export async function discardJob(
  services: Pick<Services, 'queues' | 'db' | 'config'>,
  queue: QueueName,
  id: string,
): Promise<DiscardOutcome> {
  const job: Job | undefined = await services.queues[queue].getJob(id)
  if (!job) return { status: 'refused', id, reason: 'no such job' }
  const state = await job.getState()
  if (state !== 'failed') return { status: 'refused', id, reason: `not failed (it is ${state})` }
  const described = describeFailedJob(queue, job)
  await job.remove()
  if (described.sha256) await releaseSpoolEntry(services, described.sha256, id)
  return { status: 'discarded', job: described }
}
