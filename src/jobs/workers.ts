import { MetricsTime, UnrecoverableError, Worker, type Job } from 'bullmq'
import { ZodError } from 'zod'
import { UnreadableFileError, coerceError, firstLine, isConnectionError } from '../errors.js'
import type { Logger } from '../logger.js'
import {
  IngestPayload,
  LIVE_JOB_STATES,
  QUEUES,
  RollupPayload,
  ScanPayload,
  type IngestResult,
  type QueueName,
  type RollupResult,
} from '../queue/catalog.js'
import type { Services } from '../services.js'
import { failOrphanedImports, failRunningImportOfJob } from '../db/imports.js'
import { ingestFile } from './ingest-file.js'
import { rollupMonths } from './rollup-months.js'
import { countScan, scanInbox } from './scan-inbox.js'
import { acquireWorkerRuntime } from './worker-runtime.js'
import { cleanSpool } from './spool-retention.js'

export type WorkerQueue = QueueName

/** The processors, each parsing its payload before it touches anything. */
const PROCESSORS = {
  ingest: (services: Services, job: Job): Promise<IngestResult> =>
    ingestFile(services, IngestPayload.parse(job.data), {
      id: job.id ?? 'unknown',
      updateProgress: (progress) => job.updateProgress({ ...progress }),
    }),
  rollup: (services: Services, job: Job): Promise<RollupResult> =>
    rollupMonths(services, RollupPayload.parse(job.data)),
  scan: async (services: Services, job: Job) => {
    ScanPayload.parse(job.data)
    return countScan(await scanInbox(services))
  },
} satisfies Record<WorkerQueue, (services: Services, job: Job) => Promise<unknown>>

/** Scans run one at a time per worker: they read and write the same inbox observations. */
const MAX_CONCURRENCY: Record<WorkerQueue, number> = { ingest: 64, rollup: 64, scan: 1 }

export interface RunningWorker {
  worker: Worker
  /** Stops taking jobs and lets the active ones finish (see startWorker); safe to call twice. */
  close(): Promise<void>
}

/**
 * Starts a BullMQ worker. Errors are mapped in this one place: a file that cannot be read or
 * a bad payload fails now (replay it once fixed); anything else, such as a database or Redis
 * outage, is retried with backoff. Connection losses are logged once per change of state.
 * Its `close()` (not the BullMQ worker's own) lets active jobs finish for up to SHUTDOWN_TIMEOUT_MS, then closes anyway: the
 * jobs it abandons are picked up again by another worker once their lock expires.
 */
export function startWorker(
  services: Services,
  queue: WorkerQueue,
  concurrency: number,
): Promise<RunningWorker> {
  const logger = services.logger.child({ queue })
  const runtime = acquireWorkerRuntime(services)
  const touchesPostgres = queue !== 'scan'
  const worker = new Worker(
    QUEUES[queue],
    async (job: Job) => {
      try {
        const result = await PROCESSORS[queue](services, job)
        if (touchesPostgres) runtime.postgres.markUp()
        return result
      } catch (thrown) {
        const error = coerceError(thrown)
        if (error instanceof UnreadableFileError || error instanceof ZodError) {
          throw new UnrecoverableError(error.message)
        }
        if (touchesPostgres && isConnectionError(error)) void runtime.postgresWatch.check()
        throw error
      }
    },
    {
      connection: runtime.connection,
      prefix: services.config.QUEUE_PREFIX,
      concurrency: Math.min(concurrency, MAX_CONCURRENCY[queue]),
      lockDuration: services.config.JOB_LOCK_MS,
      stalledInterval: services.config.JOB_STALLED_CHECK_MS,
      // Per-minute completed/failed counts for Bull Board's graphs and /metrics' totals.
      metrics: { maxDataPoints: MetricsTime.TWO_WEEKS },
      autorun: true,
    },
  )
  worker.on('error', (error) => {
    if (isConnectionError(error)) runtime.redis.markDown(error)
    else logger.error({ err: error }, 'worker error')
  })
  worker.on('failed', (job, error) => {
    const final = logFailure(logger, job, error)
    if (final && job?.id && queue === 'ingest') {
      void failImportOfJob(services, job.id, error, logger)
    }
  })
  let stopCleaning = () => undefined as void
  if (queue === 'ingest') {
    void reconcileImports(services, logger)
    stopCleaning = keepSpoolClean(services, logger)
  }

  let closing: Promise<void> | undefined
  const close = () => {
    stopCleaning()
    closing ??= closeWithin(worker, services.config.SHUTDOWN_TIMEOUT_MS, logger).finally(() =>
      runtime.release(),
    )
    return closing
  }
  return Promise.resolve({ worker, close })
}

/** Retries caused by an outage are expected (the state change is logged once); the final failure is not. */
function logFailure(logger: Logger, job: Job | undefined, error: Error): boolean {
  const final =
    !job || job.attemptsMade >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError
  const fields = { jobId: job?.id, attempts: job?.attemptsMade, err: firstLine(error.message) }
  if (final) {
    logger.warn(
      fields,
      'job failed: it stays in `dering failed` until replayed, superseded by a corrected file or discarded',
    )
  } else if (isConnectionError(error)) logger.debug(fields, 'job will be retried')
  else logger.warn(fields, 'job attempt failed: it will be retried with backoff')
  return final
}

/** A job that failed for good leaves no import `running` (an outage outlasted its retries). */
async function failImportOfJob(
  services: Services,
  jobId: string,
  error: Error,
  logger: Logger,
): Promise<void> {
  const message = `the job failed for good: ${firstLine(error.message)}`
  await failRunningImportOfJob(services.db, jobId, message).catch((thrown: unknown) =>
    logger.warn({ jobId, err: coerceError(thrown).message }, 'could not mark the import failed'),
  )
}

const LIVE_STATES = new Set(LIVE_JOB_STATES)

/**
 * At start: imports left `running` by a job that is no longer queued or active (its worker died
 * and the job failed, or it was removed) are failed, so none stays running forever.
 */
async function reconcileImports(services: Services, logger: Logger): Promise<void> {
  try {
    const failed = await failOrphanedImports(
      services.db,
      async (jobId) => LIVE_STATES.has(await services.queues.ingest.getJobState(jobId)),
      'the import stopped: its job is no longer queued or running (its worker was gone); replay the job or ingest the file again',
    )
    if (failed.length > 0) logger.warn({ imports: failed }, 'stale running imports failed')
  } catch (thrown) {
    logger.warn({ err: coerceError(thrown).message }, 'could not check for stale running imports')
  }
}

/** Stop taking jobs, wait for the active ones up to the timeout, then close. */
async function closeWithin(worker: Worker, timeoutMs: number, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<true>((resolve) => {
    timer = setTimeout(() => resolve(true), timeoutMs)
  })
  const drained = worker.pause(false).then(() => false as const)
  const late = await Promise.race([drained, timedOut])
  clearTimeout(timer)
  if (late) {
    logger.warn(
      { timeoutMs },
      'active jobs did not finish in time: closing anyway, they will be retried',
    )
  }
  await worker.close(late)
}

/** The spool's retention runs at start and once a day while the worker runs. */
const SPOOL_CLEAN_INTERVAL_MS = 24 * 3_600_000

function keepSpoolClean(services: Services, logger: Logger): () => void {
  const clean = () =>
    cleanSpool(services).then(
      (removed) => {
        if (removed.length > 0) logger.info({ removed: removed.length }, 'spool entries removed')
      },
      (error: unknown) =>
        logger.warn({ err: coerceError(error).message }, 'could not clean the spool'),
    )
  void clean()
  const timer = setInterval(() => void clean(), SPOOL_CLEAN_INTERVAL_MS)
  return () => clearInterval(timer)
}
