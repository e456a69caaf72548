import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { ingestAndWait } from '../support/ingest.js'
import { useTestServices } from '../support/services.js'
import { CLI_ARGS } from '../support/cli.js'

const run = promisify(execFile)

/**
 * A Sociomile export with values no agent types but a paste or a broken export makes: a 3 kB
 * category (once "index row size exceeds btree maximum" for the month's rollup and then for
 * every month of `rollup --all`), a 3 kB subject and agent, and a ticket id of 600 characters.
 */
describe('long values', () => {
  const t = useTestServices()
  // Random letters: Postgres compresses an index entry, so a repeated text would fit in one.
  const longTopic = `Dana Desa ${randomBytes(2_250).toString('base64')}`
  let outcome: Awaited<ReturnType<typeof ingestAndWait>>[number] | undefined
  beforeAll(async () => {
    await t.startWorker('ingest')
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'dering-long-')), 'long.csv')
    const header =
      'Ticket ID;Channel;Customer Name;Customer Phone;Subject;Category;Customer Type;Status;Agent;Created At'
    const rows = [
      `L-1;WhatsApp;Budi;6281234567890;${'s'.repeat(3_000)};${longTopic};Pemda;Resolved;${'a'.repeat(3_000)};01/12/2021 09:00`,
      `L-2;WhatsApp;Siti;6281234567891;Tanya;${longTopic};Pemda;Resolved;Rina;02/12/2021 09:00`,
      `${'9'.repeat(600)};WhatsApp;Adi;6281234567892;Tanya;DAU;Pemda;Resolved;Rina;03/12/2021 09:00`,
      `L-3;WhatsApp;Ani;6281234567893;Tanya;DAU;Pemda;Resolved;Rina;03/11/2021 09:00`,
    ]
    await writeFile(file, `${[header, ...rows].join('\r\n')}\r\n`)
    ;[outcome] = await ingestAndWait(t.services, 'whatsapp', [file])
  })

  it('ingests them cut to their limits with a warning each; an overlong id is rejected', async () => {
    expect(outcome).toMatchObject({
      status: 'ingested',
      result: { read: 4, inserted: 3, rejected: 1, warnings: 4 },
    })
    const tickets = await t.services.db
      .selectFrom('ticket')
      .select(['source_ticket_id', 'subject', 'topic', 'agent'])
      .orderBy('source_ticket_id')
      .execute()
    const first = tickets[0]!
    expect([first.subject!.length, first.topic!.length, first.agent!.length]).toEqual([
      500, 200, 200,
    ])
    expect(first.topic).toBe(`${longTopic.slice(0, 199)}…`)
    expect(tickets.map((ticket) => ticket.source_ticket_id)).toEqual(['L-1', 'L-2', 'L-3'])
    const [reject] = await t.services.db.selectFrom('reject').select('reason').execute()
    expect(reject?.reason).toBe('ticket id longer than 500 characters (600)')
  })

  it('rolls up every month with `rollup --all`, even a topic of 3 kB stored before the limit', async () => {
    // A database from before the limit may hold such a topic already.
    await sql`update ticket set topic = ${longTopic} where source_ticket_id = 'L-3'`.execute(
      t.services.db,
    )
    const { stdout } = await run(process.execPath, [...CLI_ARGS, 'rollup', '--all'], {
      env: { ...process.env, ...t.env() },
    })
    expect(stdout).toMatch(/2021-11.*2021-12|2 month/s)
    const topics = await t.services.db
      .selectFrom('reporting.topic_month')
      .select(['month', 'topic', 'consultations'])
      .orderBy('month')
      .orderBy('rank')
      .execute()
    // Both cut and whole, the topic starts with "Dana Desa": the taxonomy maps it.
    expect(topics.map((row) => [row.topic, row.consultations])).toEqual([
      ['dana_desa', 1],
      ['dana_desa', 2],
    ])
  })
})
