import type { Job } from 'bullmq'
import type { Channel } from '../domain/channel.js'
import { firstLine } from '../errors.js'
import { IngestPayload, RollupPayload, type QueueName } from '../queue/catalog.js'
import type { Queues } from '../queue/queues.js'

/** A failed job as operators see it (`dering failed --json` prints these). */
export interface FailedJob {
  queue: QueueName
  id: string
  /** The export file of an ingest job (where it was captured from). */
  file: string | null
  /** The spool entry of an ingest job. */
  sha256: string | null
  channel: Channel | null
  /** What a rollup job was to recompute: months, `all` or `recent`. */
  months: string[] | 'all' | 'recent' | null
  attempts: number
  /** The first line of the last error. */
  error: string
  failedAt: Date | null
}

export interface FailedFilter {
  queues: readonly QueueName[]
  /** Only jobs that failed at or after this instant. */
  since?: Date
}

const PAGE = 200

/** Failed jobs of the given queues, newest first. */
export async function listFailedJobs(queues: Queues, filter: FailedFilter): Promise<FailedJob[]> {
  const found: FailedJob[] = []
  for (const name of filter.queues) {
    for (let start = 0; ; start += PAGE) {
      const jobs = await queues[name].getFailed(start, start + PAGE - 1)
      const recent = jobs.filter(
        (job) => !filter.since || (job.finishedOn ?? 0) >= filter.since.getTime(),
      )
      found.push(...recent.map((job) => describeFailedJob(name, job)))
      // Failed jobs come newest first: past the first older one, all are older.
      if (jobs.length < PAGE || recent.length < jobs.length) break
    }
  }
  return found.sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0))
}

export function describeFailedJob(queue: QueueName, job: Job): FailedJob {
  const ingest = queue === 'ingest' ? IngestPayload.safeParse(job.data) : null
  const rollup = queue === 'rollup' ? RollupPayload.safeParse(job.data) : null
  let months: FailedJob['months'] = null
  if (rollup?.success) {
    const payload = rollup.data
    months = 'months' in payload ? payload.months : 'all' in payload ? 'all' : 'recent'
  }
  return {
    queue,
    id: job.id ?? '',
    file: ingest?.success ? ingest.data.name : null,
    sha256: ingest?.success ? ingest.data.sha256 : null,
    channel: ingest?.success ? ingest.data.channel : null,
    months,
    attempts: job.attemptsMade,
    error: firstLine(job.failedReason ?? ''),
    failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
  }
}
