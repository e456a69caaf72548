import path from 'node:path'
import { discardJobs, type DiscardOutcome } from '../../jobs/discard-jobs.js'
import { QUEUE_NAMES, type QueueName } from '../../queue/catalog.js'
import { EXIT } from '../../process/exit-codes.js'
import { formatTable } from '../output.js'
import { printJson, runWithServices } from '../run-command.js'
import { failedJobJson } from './failed.js'

export interface DiscardOptions {
  all?: boolean
  queue?: QueueName
  olderThan?: Date
  json?: boolean
}

export function discardAction(ids: string[], options: DiscardOptions): Promise<void> {
  const queues = options.queue ? [options.queue] : QUEUE_NAMES
  return runWithServices(async (services) => {
    const outcomes = await discardJobs(
      services,
      options.all ? { all: { queues, olderThan: options.olderThan } } : { ids, queues },
    )
    if (options.json) printJson({ outcomes: outcomes.map(outcomeJson) })
    else console.log(formatOutcomes(outcomes))
    return outcomes.some((o) => o.status === 'refused') ? EXIT.failed : EXIT.ok
  })
}

function outcomeJson(outcome: DiscardOutcome) {
  return outcome.status === 'discarded'
    ? { status: outcome.status, job: failedJobJson(outcome.job) }
    : outcome
}

function formatOutcomes(outcomes: readonly DiscardOutcome[]): string {
  if (outcomes.length === 0) return 'nothing to discard'
  const rows = outcomes.map((o) =>
    o.status === 'discarded'
      ? {
          status: 'discarded',
          queue: o.job.queue,
          file: o.job.file ? path.basename(o.job.file) : '',
          job: o.job.id,
          note: `was: ${o.job.error}`,
        }
      : { status: 'refused', queue: '', file: '', job: o.id, note: o.reason },
  )
  const discarded = outcomes.filter((o) => o.status === 'discarded').length
  const table = formatTable(rows, undefined, { shrink: { file: 'middle', note: 'wrap' } })
  return `${table}\n\n${discarded} of ${outcomes.length} job(s) discarded (their spooled content is removed unless another job or import needs it)`
}
