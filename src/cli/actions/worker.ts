import { startWorkers } from '../../jobs/start-workers.js'
import type { WorkerQueue } from '../../jobs/workers.js'
import { runProcess } from '../../process/run-process.js'

export interface WorkerOptions {
  queue: WorkerQueue[]
  concurrency?: number
}

export async function workerAction(options: WorkerOptions): Promise<void> {
  await runProcess((services) => startWorkers(services, options.queue), {
    overrides: options.concurrency ? { WORKER_CONCURRENCY: options.concurrency } : {},
  })
}
