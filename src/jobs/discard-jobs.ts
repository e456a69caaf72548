import type { Job } from 'bullmq'
import type { QueueName } from '../queue/catalog.js'
import type { Queues } from '../queue/queues.js'
import { findJob } from './find-jobs.js'
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
 * Removes failed jobs for good (their files are left where they are), so `dering failed` and
 * the `failed > 0` alert clear. Only failed jobs: anything else is refused.
 */
export async function discardJobs(
  queues: Queues,
  selection: DiscardSelection,
): Promise<DiscardOutcome[]> {
  const outcomes: DiscardOutcome[] = []
  if ('all' in selection) {
    const { olderThan } = selection.all
    const failed = await listFailedJobs(queues, selection.all)
    for (const job of failed) {
      if (olderThan && (job.failedAt?.getTime() ?? 0) >= olderThan.getTime()) continue
      outcomes.push(await discardOne(queues, job.queue, job.id))
    }
    return outcomes
  }
  for (const given of selection.ids) {
    const found = await findJob(queues, selection.queues, given)
    outcomes.push(
      'problem' in found
        ? { status: 'refused', id: found.id, reason: found.problem }
        : await discardOne(queues, found.queue, found.id),
    )
  }
  return outcomes
}

async function discardOne(queues: Queues, queue: QueueName, id: string): Promise<DiscardOutcome> {
  const job: Job | undefined = await queues[queue].getJob(id)
  if (!job) return { status: 'refused', id, reason: 'no such job' }
  const state = await job.getState()
  if (state !== 'failed') return { status: 'refused', id, reason: `not failed (it is ${state})` }
  const described = describeFailedJob(queue, job)
  await job.remove()
  return { status: 'discarded', job: described }
}
