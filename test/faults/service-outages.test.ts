import { randomBytes } from 'node:crypto'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { enqueueFromPath } from '../../src/jobs/enqueue-from-path.js'
import { createLogger } from '../../src/logger.js'
import { createServices, type Services } from '../../src/services.js'
import {
  startPrivatePostgres,
  startPrivateRedis,
  type PrivatePostgres,
  type PrivateRedis,
} from '../support/private-services.js'
import {
  clearIngested,
  committedRecords,
  countRows,
  importsOf,
  writeLargeExport,
  type LargeExport,
} from './fault-probes.js'
import { startWorkerProcess, type DeringProcess } from '../support/dering-process.js'
import { waitFor } from './wait-for.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('Postgres or Redis going away in the middle of ingestion', () => {
  let postgres: PrivatePostgres
  let redis: PrivateRedis
  let services: Services
  let env: Record<string, string>
  let worker: DeringProcess | undefined
  const printLogs = (error: unknown) => {
    // The worker's own account of the outage, for whoever reads the failure.
    console.error(
      worker?.logs
        .slice(-20)
        .map((line) => JSON.stringify(line))
        .join('\n'),
    )
    throw error
  }

  beforeAll(async () => {
    ;[postgres, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()])
    env = {
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `fault-${randomBytes(4).toString('hex')}`,
      SPOOL_DIR: await mkdtemp(path.join(tmpdir(), 'dering-spool-')),
      BATCH_SIZE: '100',
      WORKER_CONCURRENCY: '1',
      LOG_LEVEL: 'warn',
    }
    const config = loadConfig({}, env)
    services = createServices(config, createLogger(config))
  })
  afterAll(async () => {
    worker?.kill('SIGKILL')
    await services?.close().catch(() => undefined)
    await Promise.all([postgres?.destroy(), redis?.destroy()])
  })

  const enqueue = (file: LargeExport) =>
    enqueueFromPath(services, { channel: 'whatsapp', path: file.path })
  const allCompleted = (jobIds: string[]) =>
    waitFor(
      'every job to complete',
      async () => {
        const states = await Promise.all(
          jobIds.map(async (id) => (await services.queues.ingest.getJob(id))?.getState()),
        )
        return states.every((state) => state === 'completed')
      },
      90_000,
    )

  it('Redis stopped for longer than the blocking wait: the worker reconnects by itself and every file completes', async () => {
    const files = [
      await writeLargeExport(4_000, 0, 0),
      await writeLargeExport(4_000, 0, 4_000),
      await writeLargeExport(4_000, 0, 8_000),
    ]
    worker = await startWorkerProcess(env)
    const jobIds: string[] = []
    for (const file of files) jobIds.push((await enqueue(file)).jobId)
    await waitFor(
      'a few committed batches',
      async () => (await committedRecords(services.db)) >= 500,
    )

    await redis.stop()
    await sleep(7_000)
    await redis.start()

    await allCompleted(jobIds).catch(printLogs)
    expect(
      await Promise.race([worker.exited.then(() => 'exited'), sleep(0).then(() => 'running')]),
    ).toBe('running')
    const imports = await importsOf(services.db)
    expect(imports.map((i) => [i.status, i.records_read, i.inserted])).toEqual(
      files.map(() => ['succeeded', 4_000, 4_000]),
    )
    expect(await countRows(services.db, 'ticket')).toBe(12_000)
    expect(await countRows(services.db, 'ticket_source')).toBe(12_000)
    worker.kill('SIGTERM')
    expect(await worker.exited).toBe(0)
    worker = undefined
  })

  it('Postgres restarted in the middle of a batch: the job is retried, resumes and completes', async () => {
    await clearIngested(services.db)
    const file = await writeLargeExport(10_000, 1)
    worker = await startWorkerProcess(env)
    const { jobId } = await enqueue(file)
    await waitFor(
      'a few committed batches',
      async () => (await committedRecords(services.db)) >= 500,
    )

    await postgres.stop('immediate')
    await sleep(1_000)
    await postgres.start()

    await allCompleted([jobId]).catch(printLogs)
    const imports = await importsOf(services.db)
    expect(imports).toHaveLength(1)
    expect(imports[0]).toMatchObject({
      status: 'succeeded',
      records_read: 10_000,
      inserted: 10_000,
      updated: 0,
      unchanged: 0,
    })
    expect(await countRows(services.db, 'ticket')).toBe(10_000)
    expect(await countRows(services.db, 'ticket_source')).toBe(10_000)
    const job = await services.queues.ingest.getJob(jobId)
    expect(job?.attemptsMade).toBeGreaterThanOrEqual(1)
    worker.kill('SIGTERM')
    expect(await worker.exited).toBe(0)
    worker = undefined
  })
})
