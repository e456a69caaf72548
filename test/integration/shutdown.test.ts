import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enqueueFromPath } from '../../src/jobs/enqueue-from-path.js'
import type { IngestProgress } from '../../src/jobs/ingest-file.js'
import { useTestServices } from '../support/services.js'
import { startWorkerProcess, type DeringProcess } from '../support/dering-process.js'

const HEADER =
  'Ticket ID;Channel;Customer Phone;Subject;Category;Customer Type;Status;Agent;Created At;First Response At;Resolved At'
const ROWS = 6_000

describe('dering worker on SIGTERM', () => {
  // The in-process worker of the second test takes over an abandoned job once its lock expires.
  const t = useTestServices({ JOB_LOCK_MS: 2_000, JOB_STALLED_CHECK_MS: 1_000 })
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dering-shutdown-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  /** A WhatsApp export big enough, in batches small enough, that its job runs for a few seconds. */
  const writeExport = async (name: string) => {
    const rows = Array.from(
      { length: ROWS },
      (_, i) =>
        `${name}-${i};WA;;s;DAU;Pemda;Open;Rina;02/12/2021 10:${String(i % 60).padStart(2, '0')};;`,
    )
    const file = path.join(dir, `${name}.csv`)
    await writeFile(file, `${HEADER}\n${rows.join('\n')}\n`)
    return file
  }

  const startWorker = (env: Record<string, string>) =>
    startWorkerProcess({
      ...t.env(),
      BATCH_SIZE: '50',
      JOB_LOCK_MS: '2000',
      JOB_STALLED_CHECK_MS: '1000',
      ...env,
    })
  const messages = (worker: DeringProcess) => worker.logs.map((line) => line.msg)

  /** Enqueues a file and resolves once its job has committed its first batch. */
  const enqueueAndWaitForProgress = async (file: string) => {
    const { jobId } = await enqueueFromPath(t.services, { channel: 'whatsapp', path: file })
    await waitFor(async () => {
      const job = await t.services.queues.ingest.getJob(jobId)
      return ((job?.progress as IngestProgress | undefined)?.records ?? 0) > 0
    })
    return jobId
  }

  const importOf = (file: string) =>
    t.services.db
      .selectFrom('import')
      .selectAll()
      .where('path', '=', file)
      .executeTakeFirstOrThrow()

  it('lets the active job finish, then exits 0', async () => {
    const file = await writeExport('finish')
    const worker = await startWorker({ SHUTDOWN_TIMEOUT_MS: '60000' })
    const jobId = await enqueueAndWaitForProgress(file)
    expect(await worker.stop()).toBe(0)
    expect(await t.services.queues.ingest.getJobState(jobId)).toBe('completed')
    expect(await importOf(file)).toMatchObject({
      status: 'succeeded',
      records_read: ROWS,
      inserted: ROWS,
    })
    expect(messages(worker)).toContain('shutting down: finishing active jobs')
    expect(messages(worker).join('\n')).not.toContain('did not finish in time')
  })

  it('closes anyway after SHUTDOWN_TIMEOUT_MS, exits 0, and the job is resumed by another worker', async () => {
    const file = await writeExport('abandon')
    const worker = await startWorker({ SHUTDOWN_TIMEOUT_MS: '300' })
    const jobId = await enqueueAndWaitForProgress(file)
    const signalled = Date.now()
    expect(await worker.stop()).toBe(0)
    expect(Date.now() - signalled).toBeLessThan(10_000)
    expect(messages(worker).join('\n')).toContain('active jobs did not finish in time')
    expect(['active', 'waiting', 'delayed']).toContain(
      await t.services.queues.ingest.getJobState(jobId),
    )
    expect((await importOf(file)).status).toBe('running')

    await t.startWorker('ingest')
    await waitFor(
      async () => (await t.services.queues.ingest.getJobState(jobId)) === 'completed',
      30_000,
    )
    expect(await importOf(file)).toMatchObject({
      status: 'succeeded',
      records_read: ROWS,
      inserted: ROWS,
      updated: 0,
    })
    const tickets = await t.services.db
      .selectFrom('ticket')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source_ticket_id', 'like', 'abandon-%')
      .executeTakeFirstOrThrow()
    expect(Number(tickets.n)).toBe(ROWS)
  })
})

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
