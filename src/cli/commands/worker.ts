import type { Command } from 'commander'
import type { Worker } from 'bullmq'
import { startWorker, WORKER_QUEUES, type WorkerQueue } from '../../jobs/workers.js'
import { onShutdown } from '../../shutdown.js'
import { createServices } from '../../services.js'
import { createLogger } from '../../logger.js'
import { EXIT, readConfig, reportError } from '../run-command.js'
import { parsePositiveInt } from '../parse-options.js'

interface WorkerOptions {
  queue: WorkerQueue[]
  concurrency?: number
}

export function configureWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'Process queued jobs (ingest, rollup and inbox scans) until SIGINT/SIGTERM; active jobs finish before exit. ' +
        'Reads DATABASE_URL, REDIS_URL, QUEUE_PREFIX, WORKER_CONCURRENCY.',
    )
    .option('--queue <name...>', `queues to work on (${WORKER_QUEUES.join(', ')})`, [...WORKER_QUEUES])
    .option('--concurrency <n>', 'jobs at once per queue (default: WORKER_CONCURRENCY)', parsePositiveInt)
    .action(async (options: WorkerOptions) => {
      try {
        const unknown = options.queue.filter((q) => !WORKER_QUEUES.includes(q))
        if (unknown.length > 0) throw new Error(`unknown queue ${unknown.join(', ')}: expected ${WORKER_QUEUES.join(', ')}`)
        const config = readConfig(options.concurrency ? { WORKER_CONCURRENCY: options.concurrency } : {})
        const services = createServices(config, createLogger(config))
        const workers: Worker[] = []
        for (const queue of options.queue) workers.push(await startWorker(services, queue, config.WORKER_CONCURRENCY))
        services.logger.info({ queues: options.queue, concurrency: config.WORKER_CONCURRENCY }, 'worker started')
        onShutdown(services.logger, () => services.close(), ...workers.map((w) => () => w.close()))
      } catch (error) {
        reportError(error)
        process.exitCode ??= EXIT.failed
      }
    })
}
