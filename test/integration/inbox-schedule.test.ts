import { mkdtempSync } from 'node:fs'
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toWibMonth } from '../../src/domain/wib-month.js'
import { listFailedJobs } from '../../src/jobs/list-failed-jobs.js'
import { runScheduler, type RunningScheduler } from '../../src/jobs/run-scheduler.js'
import { fixturePath } from '../adapters/run-adapter.js'
import { useTestServices } from '../support/services.js'

const inbox = mkdtempSync(path.join(tmpdir(), 'dering-inbox-'))

describe('scheduled inbox ingestion with a worker and the scheduler running', () => {
  // Every second, in the six-field form BullMQ's cron parser accepts.
  const t = useTestServices({
    INBOX_DIR: inbox,
    INBOX_SETTLE_MS: 300,
    SCAN_CRON: '* * * * * *',
    LOG_LEVEL: 'error',
  })
  let scheduler: RunningScheduler
  beforeAll(async () => {
    for (const queue of ['scan', 'ingest', 'rollup'] as const) await t.startWorker(queue)
    scheduler = await runScheduler(t.services)
    await mkdir(path.join(inbox, 'whatsapp'))
  })
  afterAll(async () => {
    await scheduler?.close()
    await rm(inbox, { recursive: true, force: true })
  })

  const month = toWibMonth(new Date()).split('-')
  const archive = path.join(inbox, 'archive', 'whatsapp', month[0]!, month[1]!)

  it('ingests and archives a file copied into the inbox, and the rollups reflect it', async () => {
    await copyFile(
      fixturePath('whatsapp/sample-bom-semicolon.csv'),
      path.join(inbox, 'whatsapp', 'wa-2021-12.csv'),
    )
    await waitFor(async () =>
      (await readdir(archive).catch((): string[] => [])).includes('wa-2021-12.csv'),
    )
    expect(await readdir(path.join(inbox, 'whatsapp'))).toEqual([])
    const imported = await t.services.db.selectFrom('import').selectAll().executeTakeFirstOrThrow()
    expect(imported).toMatchObject({
      channel: 'whatsapp',
      status: 'succeeded',
      records_read: 3,
      inserted: 3,
    })
    await waitFor(async () => {
      const row = await t.services.db
        .selectFrom('reporting.channel_month')
        .selectAll()
        .where('channel', '=', 'whatsapp')
        .where('month', '=', '2021-12-01')
        .executeTakeFirst()
      return row?.tickets === 3
    })
  })

  it('leaves a file whose job failed in the inbox, listed among the failed jobs', async () => {
    const broken = path.join(inbox, 'whatsapp', 'no-ticket-id.csv')
    await writeFile(broken, 'Channel;Created At\nWA;01/12/2021 10:00\n')
    await waitFor(
      async () => (await listFailedJobs(t.services.queues, { queues: ['ingest'] })).length > 0,
    )
    const [failed] = await listFailedJobs(t.services.queues, { queues: ['ingest'] })
    expect(failed).toMatchObject({
      queue: 'ingest',
      file: broken,
      channel: 'whatsapp',
      attempts: 1,
    })
    expect(failed?.error).toContain('missing required column "Ticket ID"')
    await new Promise((resolve) => setTimeout(resolve, 2_000)) // two more scheduled scans
    expect(await readdir(path.join(inbox, 'whatsapp'))).toEqual(['no-ticket-id.csv'])
  })
})

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
