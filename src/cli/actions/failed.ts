import { listFailedJobs, type FailedJob } from '../../jobs/list-failed-jobs.js'
import { QUEUE_NAMES, type QueueName } from '../../queue/catalog.js'
import { EXIT } from '../../process/exit-codes.js'
import { formatWib } from '../format-wib.js'
import { displayPath } from '../ingest-outcomes.js'
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

function formatFailedJobs(jobs: readonly FailedJob[]): string {
  if (jobs.length === 0) return 'no failed jobs'
  const rows = jobs.map((job) => ({
    when: formatWib(job.failedAt),
    queue: job.queue,
    channel: job.channel ?? '',
    file: job.file ? displayPath(job.file) : describeMonths(job.months),
    attempts: job.attempts,
    job: job.id,
    error: job.error,
  }))
  const table = formatTable(rows, undefined, { shrink: { file: 'middle', error: 'wrap' } })
  return (
    `${table}\n\n${jobs.length} failed job(s): once the cause is fixed, dering replay <job> or ` +
    'dering replay --all; to dismiss them, dering discard <job> or dering discard --all'
  )
}

function describeMonths(months: FailedJob['months']): string {
  if (months === null) return ''
  return Array.isArray(months) ? months.join(' ') : `(${months} months)`
}
