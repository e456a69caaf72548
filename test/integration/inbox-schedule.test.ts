import { mkdtempSync } from 'node:fs'
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listFailedJobs } from '../../src/jobs/list-failed-jobs.js'
import { runScheduler, type RunningScheduler } from '../../src/jobs/run-scheduler.js'
import { fixturePath } from '../adapters/run-adapter.js'
import { runCli } from '../support/cli.js'
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

  it('ingests a file copied into the inbox, takes it out of the inbox, and the rollups reflect it', async () => {
    await copyFile(
      fixturePath('whatsapp/sample-bom-semicolon.csv'),
      path.join(inbox, 'whatsapp', 'wa-2021-12.csv'),
    )
    await waitFor(async () => {
      const row = await t.services.db.selectFrom('import').select('status').executeTakeFirst()
      return row?.status === 'succeeded'
    })
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

  it('fix and replay: a corrupt file fails; the corrected file of the same name supersedes it', async () => {
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
    expect(await readdir(path.join(inbox, 'whatsapp'))).toEqual([]) // its bytes are spooled
    const listed = await runCli(['failed', '--json'], t.env())
    expect(JSON.parse(listed.stdout)).toMatchObject({ jobs: [{ id: failed!.id, file: broken }] })

    // The operator drops the corrected export under the same name.
    await writeFile(broken, 'Ticket ID;Channel;Created At\nfix-1;WA;01/12/2021 10:00\n')
    await waitFor(async () => {
      const rows = await t.services.db
        .selectFrom('import')
        .select(['status', 'superseded_by'])
        .where('path', '=', broken)
        .orderBy('id')
        .execute()
      return rows.length === 2 && rows[1]?.status === 'succeeded' && rows[0]?.superseded_by !== null
    })
    const after = await runCli(['failed', '--json'], t.env())
    expect(after.code).toBe(0)
    expect(JSON.parse(after.stdout)).toMatchObject({ jobs: [] })
    const status = await runCli(['status'], t.env())
    const [first, second] = await t.services.db
      .selectFrom('import')
      .select('id')
      .where('path', '=', broken)
      .orderBy('id')
      .execute()
    expect(status.stdout).toContain(
      `import ${first!.id} superseded: ${failed!.id} → import ${second!.id}`,
    )
    const json = JSON.parse((await runCli(['status', '--json'], t.env())).stdout) as {
      imports: { id: number; supersededBy: number | null }[]
    }
    expect(json.imports.find((i) => i.id === first!.id)?.supersededBy).toBe(second!.id)
  })
})

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
