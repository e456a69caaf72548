import type { Command } from 'commander'
import type { WorkerOptions } from '../actions/worker.js'
import { QUEUE_NAMES, type QueueName } from '../../queue/catalog.js'
import { parsePositiveInt } from '../parse-options.js'
import { parseQueue } from '../parse-since.js'

const DEFAULT_QUEUES: QueueName[] = [...QUEUE_NAMES]

export function configureWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'Process queued jobs (ingest, rollup and inbox scans) until SIGINT/SIGTERM; active jobs finish before exit. ' +
        'Reads DATABASE_URL, REDIS_URL, QUEUE_PREFIX, WORKER_CONCURRENCY.',
    )
    // Every queue of the catalog has a worker: jobs/workers.ts's handlers satisfy a record of them.
    .option(
      '--queue <name...>',
      `queues to work on (${QUEUE_NAMES.join(', ')})`,
      (value: string, previous: QueueName[] = []) =>
        previous === DEFAULT_QUEUES ? [parseQueue(value)] : [...previous, parseQueue(value)],
      DEFAULT_QUEUES,
    )
    .option(
      '--concurrency <n>',
      'jobs at once per queue (default: WORKER_CONCURRENCY)',
      parsePositiveInt,
    )
    .action(async (options: WorkerOptions) => {
      const { workerAction } = await import('../actions/worker.js')
      await workerAction(options)
    })
}
