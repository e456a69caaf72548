import { promises as fs } from 'node:fs'
import type { Job } from 'bullmq'
import type { QueueName } from '../queue/catalog.js'
import type { Queues } from '../queue/queues.js'
import type { Services } from '../services.js'
import { spoolEntryPath } from '../spool/spool-entry.js'
import { findJob } from './find-jobs.js'
import {
  describeFailedJob,
  listFailedJobs,
  type FailedFilter,
  type FailedJob,
} from './list-failed-jobs.js'

export type ReplayOutcome =
  | { status: 'retried'; job: FailedJob }
  | { status: 'refused'; id: string; queue: QueueName | null; file: string | null; reason: string }

export type ReplaySelection =
  { ids: readonly string[]; queues: readonly QueueName[] } | { all: FailedFilter }

/**
 * Retries failed jobs with their attempts reset, so each gets its full retries again; an
 * ingest job reads the same spooled bytes as before. One whose spool entry is gone is refused
 * before it is retried: it could only fail again.
 */
export async function replayJobs(
  services: Pick<Services, 'queues' | 'config'>,
  selection: ReplaySelection,
): Promise<ReplayOutcome[]> {
  const { queues } = services
  const spoolDir = services.config.SPOOL_DIR
  if ('all' in selection) {
    const failed = await listFailedJobs(queues, selection.all)
    const outcomes: ReplayOutcome[] = []
    for (const job of failed) outcomes.push(await replayOne(queues, spoolDir, job.queue, job.id))
    return outcomes
  }
  const outcomes: ReplayOutcome[] = []
  for (const given of selection.ids) {
    const found = await findJob(queues, selection.queues, given)
    outcomes.push(
      'problem' in found
        ? refuse(found.id, null, found.problem)
        : await replayOne(queues, spoolDir, found.queue, found.id),
    )
  }
  return outcomes
}

async function replayOne(
  queues: Queues,
  spoolDir: string,
  queue: QueueName,
  id: string,
): Promise<ReplayOutcome> {
  const job: Job | undefined = await queues[queue].getJob(id)
  if (!job) return refuse(id, queue, 'no such job')
  const state = await job.getState()
  if (state !== 'failed') return refuse(id, queue, `not failed (it is ${state})`)
  const described = describeFailedJob(queue, job)
  if (described.sha256 && !(await exists(spoolEntryPath(spoolDir, described.sha256)))) {
    const reason = `its content is gone from the spool (SPOOL_DIR): ingest ${described.file ?? 'the file'} again, then dering discard ${id}`
    return refuse(id, queue, reason, described.file)
  }
  await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true })
  return { status: 'retried', job: described }
}

function refuse(
  id: string,
  queue: QueueName | null,
  reason: string,
  file: string | null = null,
): ReplayOutcome {
  return { status: 'refused', id, queue, file, reason }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  )
}
