import path from 'node:path'
import { replayJobs, type ReplayOutcome } from '../../jobs/replay-jobs.js'
import { QUEUE_NAMES, type QueueName } from '../../queue/catalog.js'
import { EXIT } from '../../process/exit-codes.js'
import { formatTable } from '../output.js'
import { printJson, runWithServices } from '../run-command.js'
import { failedJobJson } from './failed.js'

export interface ReplayOptions {
  all?: boolean
  queue?: QueueName
  since?: Date
  json?: boolean
}

export function replayAction(ids: string[], options: ReplayOptions): Promise<void> {
  const queues = options.queue ? [options.queue] : QUEUE_NAMES
  return runWithServices(async (services) => {
    const outcomes = await replayJobs(
      services,
      options.all ? { all: { queues, since: options.since } } : { ids, queues },
    )
    if (options.json) printJson({ outcomes: outcomes.map(outcomeJson) })
    else console.log(formatOutcomes(outcomes))
    return outcomes.some((o) => o.status === 'refused') ? EXIT.failed : EXIT.ok
  })
}

function outcomeJson(outcome: ReplayOutcome) {
  return outcome.status === 'retried'
    ? { status: outcome.status, job: failedJobJson(outcome.job) }
    : outcome
}

function formatOutcomes(outcomes: readonly ReplayOutcome[]): string {
  if (outcomes.length === 0) return 'nothing to replay'
  const rows = outcomes.map((o) =>
    o.status === 'retried'
      ? {
          status: 'retried',
          queue: o.job.queue,
          file: o.job.file ? path.basename(o.job.file) : '',
          job: o.job.id,
          note: `was: ${o.job.error}`,
        }
      : {
          status: 'refused',
          queue: o.queue ?? '',
          file: o.file ? path.basename(o.file) : '',
          job: o.id,
          note: o.reason,
        },
  )
  const retried = outcomes.filter((o) => o.status === 'retried').length
  const table = formatTable(rows, undefined, { shrink: { file: 'middle', note: 'wrap' } })
  return `${table}\n\n${retried} of ${outcomes.length} job(s) retried`
}
