import { UnrecoverableError, Worker, type Job } from 'bullmq'
import { ZodError } from 'zod'
import { UnreadableFileError, coerceError } from '../errors.js'
import { IngestPayload, QUEUES, RollupPayload, type IngestResult, type RollupResult } from '../queue/catalog.js'
import { createRedis, readEvictionPolicy } from '../queue/connection.js'
import type { Services } from '../services.js'
import { ingestFile } from './ingest-file.js'
import { rollupMonths } from './rollup-months.js'

export type WorkerQueue = 'ingest' | 'rollup'
export const WORKER_QUEUES: readonly WorkerQueue[] = ['ingest', 'rollup']

/** The processors, each parsing its payload before it touches anything. */
const PROCESSORS = {
  ingest: (services: Services, job: Job): Promise<IngestResult> =>
    ingestFile(services, IngestPayload.parse(job.data), {
      id: job.id ?? 'unknown',
      updateProgress: (progress) => job.updateProgress({ ...progress }),
    }),
  rollup: (services: Services, job: Job): Promise<RollupResult> =>
    rollupMonths(services, RollupPayload.parse(job.data)),
} satisfies Record<WorkerQueue, (services: Services, job: Job) => Promise<unknown>>

/**
 * Starts a BullMQ worker on its own blocking connection. Errors are mapped in this one place:
 * a file that cannot be read or a bad payload fails now (replay it once fixed); anything else,
 * such as a database or Redis outage, is retried with backoff.
 */
export async function startWorker(services: Services, queue: WorkerQueue, concurrency: number): Promise<Worker> {
  const logger = services.logger.child({ queue })
  const connection = createRedis(services.config.REDIS_URL, 'worker')
  const policy = await readEvictionPolicy(connection)
  if (policy && policy !== 'noeviction') {
    logger.warn({ policy }, `Redis maxmemory-policy is ${policy}; set it to noeviction or queued jobs may be lost`)
  }
  const worker = new Worker(
    QUEUES[queue],
    async (job: Job) => {
      try {
        return await PROCESSORS[queue](services, job)
      } catch (thrown) {
        const error = coerceError(thrown)
        if (error instanceof UnreadableFileError || error instanceof ZodError) {
          throw new UnrecoverableError(error.message)
        }
        throw error
      }
    },
    { connection, prefix: services.config.QUEUE_PREFIX, concurrency, autorun: true },
  )
  worker.on('error', (error) => logger.error({ err: error }, 'worker error'))
  worker.on('failed', (job, error) =>
    logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'job failed'),
  )
  const close = worker.close.bind(worker)
  worker.close = async (force?: boolean) => {
    await close(force)
    await connection.quit().catch(() => undefined)
  }
  return worker
}
