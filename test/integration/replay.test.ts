import { copyFile, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createDb } from '../../src/db/connect.js'
import { ensureDatabase, migrateToLatest } from '../../src/db/migrator.js'
import { createLogger } from '../../src/logger.js'
import { listFailedJobs } from '../../src/jobs/list-failed-jobs.js'
import { replayJobs } from '../../src/jobs/replay-jobs.js'
import { captureFile } from '../../src/spool/capture-file.js'
import { spoolEntryPath } from '../../src/spool/spool-entry.js'
import { startWorker, type RunningWorker } from '../../src/jobs/workers.js'
import { QUEUE_NAMES, ingestJobId } from '../../src/queue/catalog.js'
import { createServices, type Services } from '../../src/services.js'
import { adminUrl, withDatabaseName } from '../support/database-url.js'
import { useTestQueuePrefix } from '../support/queue.js'
import { fixturePath } from '../adapters/run-adapter.js'

const HEADER =
  'Ticket ID;Channel;Customer Phone;Subject;Category;Customer Type;Status;Agent;Created At;First Response At;Resolved At'

/**
 * The operator's loop: files fail while the database is not there, the operator creates and
 * migrates it, replays everything, and the counts come out as if nothing had happened. Replay
 * reads the spooled bytes: the original files may have changed or gone meanwhile.
 */
describe('failed jobs and replay', () => {
  const queue = useTestQueuePrefix()
  const databaseName = `dering_test_late_${process.pid}_${Date.now().toString(36)}`
  let services: Services
  const workers: RunningWorker[] = []
  let dir: string
  let sample: string
  let vanished: string
  let lost: string
  const shaOf = new Map<string, string>()

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dering-replay-'))
    sample = path.join(dir, 'wa-2021-12.csv')
    vanished = path.join(dir, 'wa-moved-away.csv')
    lost = path.join(dir, 'wa-spool-entry-lost.csv')
    await copyFile(fixturePath('whatsapp/sample-bom-semicolon.csv'), sample)
    await writeFile(vanished, `${HEADER}\nmoved-1;WA;;s;;;Open;;02/12/2021 10:00;;\n`)
    await writeFile(lost, `${HEADER}\nlost-1;WA;;s;;;Open;;02/12/2021 10:00;;\n`)
    // A database that does not exist yet: as unreachable as a stopped server, but fixable here.
    const config = loadConfig(
      {},
      {
        DATABASE_URL: withDatabaseName(inject('databaseUrl'), databaseName),
        REDIS_URL: queue.redisUrl(),
        QUEUE_PREFIX: queue.prefix,
        SPOOL_DIR: path.join(dir, 'spool'),
        LOG_LEVEL: 'silent',
      },
    )
    services = createServices(config, createLogger(config))
    workers.push(await startWorker(services, 'ingest', 2), await startWorker(services, 'rollup', 1))
  })
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()))
    await services?.close()
    const admin = createDb(adminUrl(inject('databaseUrl')), { max: 1 })
    await sql`drop database if exists ${sql.id(databaseName)} with (force)`.execute(admin)
    await admin.destroy()
    await rm(dir, { recursive: true, force: true })
  })

  /** Enqueues as `dering ingest` does, with retries shortened so the test does not wait ~30 s of backoff. */
  const enqueue = async (file: string) => {
    const { sha256 } = await captureFile(services.config.SPOOL_DIR, file)
    shaOf.set(file, sha256)
    await services.queues.ingest.add(
      'file',
      { channel: 'whatsapp', name: file, sha256 },
      {
        jobId: ingestJobId('whatsapp', sha256),
        attempts: 2,
        backoff: { type: 'fixed', delay: 100 },
      },
    )
    return ingestJobId('whatsapp', sha256)
  }

  it('lists files that failed while the database was missing, with their last error', async () => {
    const ids = [await enqueue(sample), await enqueue(vanished), await enqueue(lost)]
    await waitFor(
      async () => (await listFailedJobs(services.queues, { queues: ['ingest'] })).length === 3,
    )
    const failed = await listFailedJobs(services.queues, {
      queues: QUEUE_NAMES,
      since: new Date(Date.now() - 60_000),
    })
    expect(failed.map((job) => job.id).sort()).toEqual([...ids].sort())
    for (const job of failed) {
      expect(job).toMatchObject({ queue: 'ingest', channel: 'whatsapp', months: null, attempts: 2 })
      expect(job.error).toBe(`database "${databaseName}" does not exist`)
      expect(job.failedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000)
    }
    expect(await listFailedJobs(services.queues, { queues: ['rollup'] })).toEqual([])
    expect(
      await listFailedJobs(services.queues, {
        queues: ['ingest'],
        since: new Date(Date.now() + 1_000),
      }),
    ).toEqual([])
  })

  it('replays them all once the database is there, from the spool whatever became of the files', async () => {
    expect(await ensureDatabase(services.config.DATABASE_URL)).toBe(true)
    const { error } = await migrateToLatest(services.db)
    expect(error).toBeUndefined()
    // The originals change or go: the jobs still read the bytes that were queued.
    await unlink(vanished)
    await writeFile(sample, `${HEADER}\nchanged-1;WA;;s;;;Open;;02/12/2021 10:00;;\n`)
    const lostJob = ingestJobId('whatsapp', shaOf.get(lost)!)
    await unlink(spoolEntryPath(services.config.SPOOL_DIR, shaOf.get(lost)!))

    const outcomes = await replayJobs(services, { all: { queues: QUEUE_NAMES } })
    expect(
      outcomes
        .map((o) =>
          o.status === 'retried' ? ['retried', o.job.file] : ['refused', o.file, o.reason],
        )
        .sort(),
    ).toEqual([
      [
        'refused',
        lost,
        `its content is gone from the spool (SPOOL_DIR): ingest ${lost} again, then dering discard ${lostJob}`,
      ],
      ['retried', sample],
      ['retried', vanished],
    ])

    const sampleJob = ingestJobId('whatsapp', shaOf.get(sample)!)
    const vanishedJob = ingestJobId('whatsapp', shaOf.get(vanished)!)
    await waitFor(async () => (await services.queues.ingest.getJobState(sampleJob)) === 'completed')
    await waitFor(
      async () => (await services.queues.ingest.getJobState(vanishedJob)) === 'completed',
    )
    const job = await services.queues.ingest.getJob(sampleJob)
    expect(job?.attemptsMade).toBe(1)
    expect(job?.returnvalue).toMatchObject({
      read: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      months: ['2021-12'],
    })

    const imports = await services.db
      .selectFrom('import')
      .select(['path', 'status', 'records_read', 'inserted'])
      .orderBy('path')
      .execute()
    expect(imports).toEqual([
      { path: sample, status: 'succeeded', records_read: 3, inserted: 3 },
      { path: vanished, status: 'succeeded', records_read: 1, inserted: 1 },
    ])
    expect(
      await services.db
        .selectFrom('ticket')
        .select('source_ticket_id')
        .where('source_ticket_id', '=', 'changed-1')
        .execute(),
    ).toEqual([])
    await waitFor(async () => {
      const rows = await services.db
        .selectFrom('reporting.channel_month')
        .select(['month', 'channel', 'tickets'])
        .execute()
      return rows.length === 1 && rows[0]?.tickets === 4
    })
    const failed = await listFailedJobs(services.queues, { queues: QUEUE_NAMES })
    expect(failed.map((j) => j.file)).toEqual([lost])
  })

  it('refuses to replay a job that did not fail or does not exist', async () => {
    const sampleJob = ingestJobId('whatsapp', shaOf.get(sample)!)
    const outcomes = await replayJobs(services, {
      ids: [sampleJob, 'whatsapp-nope'],
      queues: QUEUE_NAMES,
    })
    expect(outcomes).toEqual([
      {
        status: 'refused',
        id: sampleJob,
        queue: 'ingest',
        file: null,
        reason: 'not failed (it is completed)',
      },
      { status: 'refused', id: 'whatsapp-nope', queue: null, file: null, reason: 'no such job' },
    ])
  })
})

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
