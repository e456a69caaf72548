import path from 'node:path'
import type { Command } from 'commander'
import { listFailedJobs, type FailedJob } from '../../jobs/list-failed-jobs.js'
import { QUEUE_NAMES, type QueueName } from '../../queue/catalog.js'
import { formatWib } from '../format-wib.js'
import { formatTable } from '../output.js'
import { parseQueue, parseSince } from '../parse-since.js'
import { EXIT, printJson, runWithServices } from '../run-command.js'

interface FailedOptions {
  queue?: QueueName
  since?: Date
  json?: boolean
}

export function configureFailedCommand(program: Command): void {
  program
    .command('failed')
    .description(
      'List jobs that failed for good (retries exhausted or unreadable file), newest first, with the file, ' +
        'channel, attempts, error and when. Their inbox files stay in place until replayed. Reads REDIS_URL, QUEUE_PREFIX.',
    )
    .option('--queue <name>', `only this queue (${QUEUE_NAMES.join(', ')})`, parseQueue)
    .option(
      '--since <duration>',
      'only jobs that failed within this long, e.g. 30m, 2h, 7d',
      parseSince,
    )
    .option('--json', 'print the jobs as JSON')
    .addHelpText(
      'after',
      '\nThen fix the cause and run: dering replay <job-id...> or dering replay --all',
    )
    .action((options: FailedOptions) =>
      runWithServices(async (services) => {
        const jobs = await listFailedJobs(services.queues, {
          queues: options.queue ? [options.queue] : QUEUE_NAMES,
          since: options.since,
        })
        if (options.json) printJson({ jobs: jobs.map(failedJobJson) })
        else console.log(formatFailedJobs(jobs))
        return EXIT.ok
      }),
    )
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
