import path from 'node:path'
import type { Command } from 'commander'
import { replayJobs, type ReplayOutcome } from '../../jobs/replay-jobs.js'
import { QUEUE_NAMES, type QueueName } from '../../queue/catalog.js'
import { formatTable } from '../output.js'
import { parseQueue, parseSince } from '../parse-since.js'
import { EXIT, printJson, runWithServices } from '../run-command.js'
import { failedJobJson } from './failed.js'

interface ReplayOptions {
  all?: boolean
  queue?: QueueName
  since?: Date
  json?: boolean
}

export function configureReplayCommand(program: Command): void {
  program
    .command('replay')
    .description(
      'Retry failed jobs with their attempts reset, once the cause is fixed. An ingest job whose file no longer ' +
        'exists is not retried. A worker must be running. Reads REDIS_URL, QUEUE_PREFIX.',
    )
    .argument('[jobs...]', 'job ids as `dering failed` shows them')
    .option('--all', 'every failed job (of --queue, within --since)')
    .option('--queue <name>', `only this queue (${QUEUE_NAMES.join(', ')})`, parseQueue)
    .option(
      '--since <duration>',
      'with --all: only jobs that failed within this long, e.g. 2h',
      parseSince,
    )
    .option('--json', 'print what was retried and refused as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 all retried, 1 a job was refused (missing file, not failed, unknown), 2 bad arguments.',
    )
    .action((ids: string[], options: ReplayOptions, command: Command) => {
      if (options.all === ids.length > 0) {
        command.error('dering: give job ids or --all (not both)', { exitCode: EXIT.usage })
      }
      if (options.since && !options.all) {
        command.error('dering: --since goes with --all', { exitCode: EXIT.usage })
      }
      const queues = options.queue ? [options.queue] : QUEUE_NAMES
      return runWithServices(async (services) => {
        const outcomes = await replayJobs(
          services.queues,
          options.all ? { all: { queues, since: options.since } } : { ids, queues },
        )
        if (options.json) printJson({ outcomes: outcomes.map(outcomeJson) })
        else console.log(formatOutcomes(outcomes))
        return outcomes.some((o) => o.status === 'refused') ? EXIT.failed : EXIT.ok
      })
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
  return `${formatTable(rows)}\n\n${retried} of ${outcomes.length} job(s) retried`
}
