import { randomBytes } from 'node:crypto'
import { enqueuePaths } from '../src/cli/ingest-paths.js'
import { waitWithProgress } from '../src/cli/wait-with-progress.js'
import type { FileOutcome } from '../src/cli/wait-for-ingest.js'
import { loadConfig } from '../src/config.js'
import type { Channel } from '../src/domain/channel.js'
import { createLogger } from '../src/logger.js'
import type { IngestResult } from '../src/queue/catalog.js'
import { deleteQueueKeys } from '../src/queue/delete-queue-keys.js'
import type { Queues } from '../src/queue/queues.js'
import { createServices } from '../src/services.js'
import { isBuildCurrent } from '../bin/build-stamp.js'
import { startWorkerProcess, type DeringProcess } from '../test/support/dering-process.js'
import { meterDatabaseBackends, meterProcesses } from './process-cpu.js'

/** Workers refuse the public development secret; the COPY baseline keys customers with this one. */
export const BENCH_CUSTOMER_KEY_SECRET = 'dering-bench-secret'

export interface BenchFile {
  path: string
  channel: Channel
  records: number
}

export interface IngestRun {
  seconds: number
  records: number
  outcomes: FileOutcome[]
  /** Peak RSS of each worker process, bytes. */
  peakRss: number[]
  /** CPU seconds of the worker processes, and of the database's Postgres backends, during the run. */
  workerCpu: number
  postgresCpu: number
}

export interface IngestSetup {
  databaseUrl: string
  redisUrl: string
  workers: number
  /** Extra environment for the workers (BATCH_SIZE, …) and node flags (--cpu-prof). */
  env?: Record<string, string>
  nodeArgs?: string[]
}

/**
 * A queue of its own, `workers` worker processes, then the files enqueued as `dering ingest`
 * does and timed until the last job completes. Any failed file fails the measurement.
 */
export async function measureIngest(
  setup: IngestSetup,
  batches: readonly (readonly BenchFile[])[],
): Promise<IngestRun[]> {
  const env = {
    DATABASE_URL: setup.databaseUrl,
    REDIS_URL: setup.redisUrl,
    QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
    CUSTOMER_KEY_SECRET: BENCH_CUSTOMER_KEY_SECRET,
    ...setup.env,
  }
  const config = loadConfig({}, { ...env, LOG_LEVEL: 'warn' })
  const services = createServices(config, createLogger(config))
  warnWhenNotBuilt()
  const workers: DeringProcess[] = []
  try {
    for (let i = 0; i < setup.workers; i += 1) {
      workers.push(await startWorkerProcess(env, { nodeArgs: setup.nodeArgs, echoWarnings: true }))
    }
    const runs: IngestRun[] = []
    for (const files of batches) {
      const channels = new Map(files.map((f) => [f.path, f.channel]))
      const workerMeter = await meterProcesses(workers.map((w) => w.pid))
      const postgresMeter = await meterDatabaseBackends(setup.databaseUrl)
      const started = performance.now()
      const { enqueued } = await enqueuePaths(
        services,
        files.map((f) => f.path),
        { channelOf: (path) => channels.get(path), force: true },
      )
      const outcomes = await withResults(
        services.queues,
        await waitWithProgress(services, enqueued, { showProgress: false }),
      )
      const seconds = (performance.now() - started) / 1000
      const workerCpu = await workerMeter.stop()
      const postgresCpu = await postgresMeter.stop()
      const failed = outcomes.find((o) => o.status === 'failed')
      if (failed?.status === 'failed') throw new Error(`${failed.file.path}: ${failed.error}`)
      const peakRss = await Promise.all(workers.map((w) => w.peakRss()))
      runs.push({
        seconds,
        records: files.reduce((sum, f) => sum + f.records, 0),
        outcomes,
        peakRss,
        workerCpu,
        postgresCpu,
      })
    }
    return runs
  } finally {
    for (const worker of workers) await worker.stop()
    await services.close()
    await clearPrefix(services.config.REDIS_URL, env.QUEUE_PREFIX)
  }
}

let warned = false

/** The CLI runs the compiled build only when it is current; otherwise the figures are tsx's. */
function warnWhenNotBuilt(): void {
  if (warned || isBuildCurrent()) return
  warned = true
  process.stderr.write(
    'bench: dist/ is not built from the current sources (npm run build): the workers run the ' +
      'TypeScript sources through tsx, which start slower and take ~50 MB more than a built install\n',
  )
}

/**
 * A job read just before it completed has no return value yet, though its state (read next)
 * says completed: read such jobs again.
 */
async function withResults(queues: Queues, outcomes: FileOutcome[]): Promise<FileOutcome[]> {
  const complete: FileOutcome[] = []
  for (const outcome of outcomes) {
    if (outcome.status !== 'ingested' || outcome.result) complete.push(outcome)
    else {
      const job = await queues.ingest.getJob(outcome.file.jobId)
      complete.push({ ...outcome, result: job?.returnvalue as IngestResult })
    }
  }
  return complete
}

/** Deletes the queue keys under `prefix`. */
export async function clearPrefix(redisUrl: string, prefix: string): Promise<void> {
  const { Redis } = await import('ioredis')
  const redis = new Redis(redisUrl)
  await deleteQueueKeys(redis, prefix)
  await redis.quit()
}

/** Sums a count over the files' results, e.g. how many tickets were inserted. */
export function sumResults(
  run: IngestRun,
  key: 'inserted' | 'updated' | 'unchanged' | 'rejected' | 'skipped' | 'read',
): number {
  return run.outcomes.reduce((sum, o) => sum + (o.status === 'ingested' ? o.result[key] : 0), 0)
}
