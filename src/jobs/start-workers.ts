import type { Services } from '../services.js'
import { startWorker, type WorkerQueue } from './workers.js'

/**
 * A worker process's workers: one per queue, WORKER_CONCURRENCY jobs at once each. Returns their
 * closers, in the order they started.
 */
export async function startWorkers(
  services: Services,
  queues: readonly WorkerQueue[],
): Promise<(() => Promise<void>)[]> {
  const concurrency = services.config.WORKER_CONCURRENCY
  // A rollup worker reads the topic map now, so that a broken one stops it at start.
  if (queues.includes('rollup')) services.topicTaxonomy.labels.get('lainnya')
  const closers: (() => Promise<void>)[] = []
  for (const queue of queues) {
    const running = await startWorker(services, queue, concurrency)
    closers.push(() => running.close())
  }
  services.logger.info({ queues, concurrency }, 'worker started')
  return closers
}
