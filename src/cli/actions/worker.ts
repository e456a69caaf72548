import { startWorkers } from '../../jobs/start-workers.js'
import { WORKER_QUEUES, type WorkerQueue } from '../../jobs/workers.js'
import { reportError } from '../../process/report-error.js'
import { runProcess } from '../../process/run-process.js'

export interface WorkerOptions {
  queue: WorkerQueue[]
  concurrency?: number
}

export async function workerAction(options: WorkerOptions): Promise<void> {
  const unknown = options.queue.filter((q) => !WORKER_QUEUES.includes(q))
  if (unknown.length > 0) {
    reportError(
      new Error(`unknown queue ${unknown.join(', ')}: expected ${WORKER_QUEUES.join(', ')}`),
    )
    return
  }
  await runProcess((services) => startWorkers(services, options.queue), {
    overrides: options.concurrency ? { WORKER_CONCURRENCY: options.concurrency } : {},
  })
}
