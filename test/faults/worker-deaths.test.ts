import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enqueueFromPath } from '../../src/jobs/enqueue-from-path.js'
import type { IngestResult } from '../../src/queue/catalog.js'
import { useTestServices } from '../support/services.js'
import {
  countRows,
  committedRecords,
  importsOf,
  writeLargeExport,
  type LargeExport,
} from './fault-probes.js'
import { startWorkerProcess, type DeringProcess } from '../support/dering-process.js'
import { waitFor } from './wait-for.js'

const TICKETS = 15_000

/** Short locks, so a job whose worker died is noticed in seconds rather than the default 30 s. */
const FAST_RECOVERY = {
  JOB_LOCK_MS: '2000',
  JOB_STALLED_CHECK_MS: '1000',
  BATCH_SIZE: '100',
  WORKER_CONCURRENCY: '1',
}

describe('a worker process that dies or is stopped in the middle of a large file', () => {
  const t = useTestServices()
  let file: LargeExport
  const workers: DeringProcess[] = []
  const startFaultWorker = async (env: Record<string, string>) => {
    const worker = await startWorkerProcess(env)
    workers.push(worker)
    return worker
  }
  beforeAll(async () => {
    file = await writeLargeExport(TICKETS)
  })
  afterAll(() => workers.forEach((worker) => worker.kill('SIGKILL')))

  const enqueue = () => enqueueFromPath(t.services, { channel: 'whatsapp', path: file.path })
  const finished = (jobId: string) =>
    waitFor(`job ${jobId} to complete`, async () => {
      const job = await t.services.queues.ingest.getJob(jobId)
      return (await job?.getState()) === 'completed'
        ? ((await t.services.queues.ingest.getJob(jobId))?.returnvalue as IngestResult)
        : null
    })
  const reset = async () => {
    await t.services.queues.ingest.obliterate({ force: true })
    await t.services.db.deleteFrom('ticket_source_batch').execute()
    await t.services.db.deleteFrom('ticket').execute()
    await t.services.db.deleteFrom('import').execute()
  }

  it('SIGKILL: another worker takes the stalled job over and resumes after the last committed batch', async () => {
    const env = { ...t.env(), ...FAST_RECOVERY }
    const first = await startFaultWorker(env)
    const { jobId } = await enqueue()
    await waitFor(
      'a few committed batches',
      async () => (await committedRecords(t.services.db)) >= 1_000,
    )
    first.kill('SIGKILL')
    expect(await first.exited).toBeNull()
    const killedAt = await committedRecords(t.services.db)
    expect(killedAt).toBeLessThan(TICKETS)

    const second = await startFaultWorker(env)
    const result = await finished(jobId)
    second.kill('SIGTERM')
    expect(await second.exited).toBe(0)

    expect(result).toMatchObject({
      read: TICKETS,
      inserted: TICKETS,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    })
    const imports = await importsOf(t.services.db)
    expect(imports).toHaveLength(1)
    expect(imports[0]).toMatchObject({
      status: 'succeeded',
      records_read: TICKETS,
      inserted: TICKETS,
      checkpoint: TICKETS,
    })
    expect(await countRows(t.services.db, 'ticket')).toBe(TICKETS)
    expect(await countRows(t.services.db, 'ticket_source')).toBe(TICKETS)
  })

  it('SIGTERM: the worker exits 0 having finished the job or handed it back; nothing is half-written', async () => {
    await reset()
    const env = { ...t.env(), ...FAST_RECOVERY, SHUTDOWN_TIMEOUT_MS: '1000' }
    const first = await startFaultWorker(env)
    const { jobId } = await enqueue()
    await waitFor(
      'a few committed batches',
      async () => (await committedRecords(t.services.db)) >= 1_000,
    )
    first.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    // Whatever was committed is whole: the import's counts, its checkpoint and the rows agree.
    const [stopped] = await importsOf(t.services.db)
    const tickets = await countRows(t.services.db, 'ticket')
    expect(stopped).toMatchObject({
      records_read: stopped!.checkpoint,
      inserted: stopped!.checkpoint,
    })
    expect(tickets).toBe(stopped!.checkpoint)
    expect(await countRows(t.services.db, 'ticket_source')).toBe(tickets)

    if (stopped!.status !== 'succeeded') {
      const second = await startFaultWorker(env)
      await finished(jobId)
      second.kill('SIGTERM')
      expect(await second.exited).toBe(0)
    }
    const imports = await importsOf(t.services.db)
    expect(imports).toHaveLength(1)
    expect(imports[0]).toMatchObject({
      status: 'succeeded',
      records_read: TICKETS,
      inserted: TICKETS,
    })
    expect(await countRows(t.services.db, 'ticket')).toBe(TICKETS)
    expect(await countRows(t.services.db, 'ticket_source')).toBe(TICKETS)
  })
})
