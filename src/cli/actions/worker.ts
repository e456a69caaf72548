import type { Worker } from 'bullmq'
import { startWorker, WORKER_QUEUES, type WorkerQueue } from '../../jobs/workers.js'
import { createLogger } from '../../logger.js'
import { createServices } from '../../services.js'
import { onShutdown } from '../../shutdown.js'
import { EXIT } from '../exit-codes.js'
import { readServiceConfig, reportError } from '../run-command.js'

export interface WorkerOptions {
  queue: WorkerQueue[]
  concurrency?: number
}

export async function workerAction(options: WorkerOptions): Promise<void> {
  try {
    const unknown = options.queue.filter((q) => !WORKER_QUEUES.includes(q))
    if (unknown.length > 0) {
      throw new Error(`unknown queue ${unknown.join(', ')}: expected ${WORKER_QUEUES.join(', ')}`)
    }
    const config = readServiceConfig(
      options.concurrency ? { WORKER_CONCURRENCY: options.concurrency } : {},
    )
    const services = createServices(config, createLogger(config))
    const workers: Worker[] = []
    for (const queue of options.queue) {
      workers.push(await startWorker(services, queue, config.WORKER_CONCURRENCY))
    }
    services.logger.info(
      { queues: options.queue, concurrency: config.WORKER_CONCURRENCY },
      'worker started',
    )
    onShutdown(
      services.logger,
      config.SHUTDOWN_TIMEOUT_MS,
      () => services.close(),
      ...workers.map((w) => () => w.close()),
    )
  } catch (error) {
    reportError(error)
    process.exitCode ??= EXIT.failed
  }
}
