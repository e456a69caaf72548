import path from 'node:path'
import { listFailedJobs, type FailedJob } from '../../jobs/list-failed-jobs.js'
import { QUEUE_NAMES, type QueueName } from '../../queue/catalog.js'
import { EXIT } from '../exit-codes.js'
import { formatWib } from '../format-wib.js'
import { formatTable } from '../output.js'
import { printJson, runWithServices } from '../run-command.js'

export interface FailedOptions {
  queue?: QueueName
  since?: Date
  json?: boolean
}

export function failedAction(options: FailedOptions): Promise<void> {
  return runWithServices(async (services) => {
    const jobs = await listFailedJobs(services.queues, {
      queues: options.queue ? [options.queue] : QUEUE_NAMES,
      since: options.since,
    })
    if (options.json) printJson({ jobs: jobs.map(failedJobJson) })
    else console.log(formatFailedJobs(jobs))
    return EXIT.ok
  })
}

/** The stable `--json` shape of a failed job. */
export function failedJobJson(job: FailedJob) {
  return { ...job, failedAt: job.failedAt?.toISOString() ?? null }
}

export function formatFailedJobs(jobs: readonly FailedJob[]): string {
  if (jobs.length === 0) return 'no failed jobs'
  const rows = jobs.map((job) => ({
    when: formatWib(job.failedAt),
    queue: job.queue,
    channel: job.channel ?? '',
    file: job.file ? path.basename(job.file) : describeMonths(job.months),
    attempts: job.attempts,
    error: truncate(job.error, 70),
    job: job.id,
  }))
  return `${formatTable(rows)}\n\n${jobs.length} failed job(s); replay with: dering replay <job> or dering replay --all`
}

function describeMonths(months: FailedJob['months']): string {
  if (months === null) return ''
  return Array.isArray(months) ? months.join(' ') : `(${months} months)`
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text
}
