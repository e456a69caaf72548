import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ingestFile } from '../../src/jobs/ingest-file.js'
import { ingestPaths } from '../../src/cli/ingest-paths.js'
import { captureFile } from '../../src/spool/capture-file.js'
import { hashFile } from '../support/hash-file.js'
import { fixturePath } from '../adapters/run-adapter.js'
import { ingestAndWait, writeTempFile } from '../support/ingest.js'
import { useTestServices } from '../support/services.js'

const HEADER =
  'Ticket ID;Channel;Customer Phone;Subject;Category;Customer Type;Status;Agent;Created At;First Response At;Resolved At'
const sample = fixturePath('whatsapp/sample-bom-semicolon.csv')

describe('WhatsApp exports through the queue, worker and Postgres', () => {
  const t = useTestServices({ BATCH_SIZE: 2 })
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dering-ingest-'))
    await t.startWorker('ingest')
  })

  const ticketCount = async () =>
    Number(
      (
        await t.services.db
          .selectFrom('ticket')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('loads the sample export and counts every record', async () => {
    const [outcome] = await ingestAndWait(t.services, 'whatsapp', [sample])
    expect(outcome).toMatchObject({
      status: 'ingested',
      result: { read: 3, inserted: 3, updated: 0, unchanged: 0, skipped: 0, rejected: 0 },
    })
    const row = await t.services.db
      .selectFrom('ticket')
      .selectAll()
      .where('source_ticket_id', '=', '64f934118da23ffa50006002')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      channel: 'whatsapp',
      opened_at: new Date('2021-12-01T02:23:00Z'),
      first_response_at: new Date('2021-12-01T02:30:00Z'),
      closed_at: new Date('2021-12-01T03:02:00Z'),
      status: 'resolved',
      agent: 'Rina',
      topic: 'Dana Alokasi Umum',
      segment: 'pemda',
      adapter_version: 'sociomile@2',
    })
    expect(row.customer_key).toMatch(/^[0-9a-f]{32}$/)
    const sources = await t.services.db.selectFrom('ticket_source').select('raw').execute()
    expect(sources).toHaveLength(3)
  })

  it('does not ingest the same content twice, whatever its path', async () => {
    const copy = await writeTempFile(dir, 'copy.csv', await readFile(sample))
    const [outcome] = await ingestAndWait(t.services, 'whatsapp', [copy])
    expect(outcome?.file.state).toBe('already ingested')
    expect(await ticketCount()).toBe(3)
  })

  it('knows the file from Postgres after its job is gone, and --force reports every record unchanged', async () => {
    const sha256 = await hashFile(sample)
    await (await t.services.queues.ingest.getJob(`whatsapp-${sha256}`))?.remove()
    const [again] = await ingestAndWait(t.services, 'whatsapp', [sample])
    expect(again?.file.state).toBe('already ingested')
    const [forced] = await ingestPaths(t.services, [sample], {
      channelOf: () => 'whatsapp',
      force: true,
    })
    expect(forced).toMatchObject({
      status: 'ingested',
      result: { read: 3, inserted: 0, updated: 0, unchanged: 3 },
    })
    expect(await ticketCount()).toBe(3)
  })

  it('updates a ticket from a later overlapping export, and an older export never undoes it', async () => {
    const later = await writeTempFile(
      dir,
      'later.csv',
      `${HEADER}\n64f93a2c8da23ffa50006011;WhatsApp;+62 857-1234-5678;Upload laporan;SIKD;Pemda;Selesai;Agus;01/12/2021 09:49;01/12/2021 09:55;01/12/2021 11:00\n`,
    )
    const [outcome] = await ingestAndWait(t.services, 'whatsapp', [later])
    expect(outcome).toMatchObject({
      status: 'ingested',
      result: { read: 1, inserted: 0, updated: 1 },
    })
    const older = await writeTempFile(
      dir,
      'older.csv',
      `${HEADER}\n64f93a2c8da23ffa50006011;WhatsApp;+62 857-1234-5678;Upload laporan;SIKD;Pemda;Baru;;01/12/2021 09:49;;\n`,
    )
    const [replayed] = await ingestAndWait(t.services, 'whatsapp', [older])
    expect(replayed).toMatchObject({ status: 'ingested', result: { read: 1, unchanged: 1 } })
    const row = await t.services.db
      .selectFrom('ticket')
      .selectAll()
      .where('source_ticket_id', '=', '64f93a2c8da23ffa50006011')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      status: 'resolved',
      agent: 'Agus',
      closed_at: new Date('2021-12-01T04:00:00Z'),
    })
    expect(await ticketCount()).toBe(3)
  })

  it('puts a ticket in the WIB month it was opened and marks both months for rollup', async () => {
    const edge = await writeTempFile(
      dir,
      'edge.csv',
      `${HEADER}\nedge-nov;WA;;a;;;Open;;30/11/2021 23:30;;\nedge-dec;WA;;b;;;Open;;01/12/2021 00:10;;\n`,
    )
    const [outcome] = await ingestAndWait(t.services, 'whatsapp', [edge])
    expect(outcome).toMatchObject({
      status: 'ingested',
      result: { months: ['2021-11', '2021-12'] },
    })
    const rows = await t.services.db
      .selectFrom('ticket')
      .select(['source_ticket_id', 'opened_at'])
      .where('source_ticket_id', 'in', ['edge-nov', 'edge-dec'])
      .orderBy('source_ticket_id')
      .execute()
    expect(rows).toEqual([
      { source_ticket_id: 'edge-dec', opened_at: new Date('2021-11-30T17:10:00Z') },
      { source_ticket_id: 'edge-nov', opened_at: new Date('2021-11-30T16:30:00Z') },
    ])
    const pending = await t.services.db
      .selectFrom('rollup_pending')
      .select('month')
      .orderBy('month')
      .execute()
    expect(pending.map((p) => p.month)).toEqual(['2021-11-01', '2021-12-01'])
  })

  it('quarantines bad rows with their reasons and loads the rest', async () => {
    const bad = await writeTempFile(
      dir,
      'bad.csv',
      `${HEADER}\n;WA;;no id;;;Open;;01/12/2021 10:00;;\n6.49E+23;WA;;mangled;;;Open;;01/12/2021 10:00;;\nbad-date;WA;;x;;;Open;;31/02/2021 10:00;;\nother;Telegram;;x;;;Open;;01/12/2021 10:00;;\ngood-1;WA;;x;;;Open;;01/12/2021 10:00;;\n`,
    )
    const [outcome] = await ingestAndWait(t.services, 'whatsapp', [bad])
    expect(outcome).toMatchObject({
      status: 'ingested',
      result: { read: 5, inserted: 1, rejected: 4 },
    })
    if (outcome?.status !== 'ingested') throw new Error('not ingested')
    const rejects = await t.services.db
      .selectFrom('reject')
      .select(['record_number', 'reason', 'raw'])
      .where('import_id', '=', outcome.result.importId)
      .orderBy('record_number')
      .execute()
    expect(rejects).toEqual([
      {
        record_number: 1,
        reason: 'missing ticket id',
        raw: ';WA;;no id;;;Open;;01/12/2021 10:00;;',
      },
      {
        record_number: 2,
        reason: 'id mangled by Excel',
        raw: '6.49E+23;WA;;mangled;;;Open;;01/12/2021 10:00;;',
      },
      {
        record_number: 3,
        reason: 'unparseable Created At: 31/02/2021 10:00',
        raw: 'bad-date;WA;;x;;;Open;;31/02/2021 10:00;;',
      },
      {
        record_number: 4,
        reason: 'unsupported channel: Telegram',
        raw: 'other;Telegram;;x;;;Open;;01/12/2021 10:00;;',
      },
    ])
  })

  it('loads a record whose text holds a NUL character, without the NUL', async () => {
    const file = await writeTempFile(
      dir,
      'nul.csv',
      `${HEADER}\nnul-1;WA;;Tanya\0DAU;;;Open;;01/12/2021 10:00;;\n`,
    )
    const [outcome] = await ingestAndWait(t.services, 'whatsapp', [file])
    expect(outcome).toMatchObject({ status: 'ingested', result: { read: 1, inserted: 1 } })
    const row = await t.services.db
      .selectFrom('ticket')
      .select('subject')
      .where('source_ticket_id', '=', 'nul-1')
      .executeTakeFirstOrThrow()
    expect(row.subject).toBe('TanyaDAU')
    const source = await t.services.db
      .selectFrom('ticket_source')
      .select('raw')
      .where('source_ticket_id', '=', 'nul-1')
      .executeTakeFirstOrThrow()
    expect(source.raw).toMatchObject({ Subject: 'TanyaDAU' })
  })

  it('keeps tabs, line breaks and backslashes of a field exactly as the export has them', async () => {
    const subject = 'Tanya\tDAU\\2021\n"kutip"\r\nbaris'
    const file = await writeTempFile(
      dir,
      'separators.csv',
      `${HEADER}\nsep-1;WA;;"Tanya\tDAU\\2021\n""kutip""\r\nbaris";;;Open;;01/12/2021 10:00;;\n`,
    )
    const [outcome] = await ingestAndWait(t.services, 'whatsapp', [file])
    expect(outcome).toMatchObject({ status: 'ingested', result: { read: 1, inserted: 1 } })
    const row = await t.services.db
      .selectFrom('ticket')
      .select('subject')
      .where('source_ticket_id', '=', 'sep-1')
      .executeTakeFirstOrThrow()
    expect(row.subject).toBe(subject)
  })

  it('fails a file with a missing required column at once, naming the column', async () => {
    const noId = await writeTempFile(dir, 'no-id.csv', 'Channel;Created At\nWA;01/12/2021 10:00\n')
    const [outcome] = await ingestAndWait(t.services, 'whatsapp', [noId])
    expect(outcome).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('missing required column "Ticket ID"'),
    })
    const failed = await t.services.db
      .selectFrom('import')
      .selectAll()
      .where('path', '=', noId)
      .executeTakeFirstOrThrow()
    expect(failed.status).toBe('failed')
  })

  it('resumes a job that crashed after its first batch with the same final counts and rows', async () => {
    const rows = Array.from(
      { length: 5 },
      (_, i) => `crash-${i};WA;;s;;;Open;;02/12/2021 1${i}:00;;`,
    )
    const file = await writeTempFile(dir, 'crash.csv', `${HEADER}\n${rows.join('\n')}\n`)
    const { sha256 } = await captureFile(t.services.config.SPOOL_DIR, file)
    const payload = { channel: 'whatsapp' as const, name: file, sha256 }
    let progressCalls = 0
    const crashing = {
      id: 'whatsapp-crash-test',
      updateProgress: () => {
        progressCalls += 1
        return progressCalls === 1 ? Promise.reject(new Error('worker died')) : Promise.resolve()
      },
    }
    await expect(ingestFile(t.services, payload, crashing)).rejects.toThrow('worker died')
    const result = await ingestFile(t.services, payload, crashing)
    expect(result).toMatchObject({ read: 5, inserted: 5, updated: 0, unchanged: 0, rejected: 0 })
    const imports = await t.services.db
      .selectFrom('import')
      .selectAll()
      .where('job_id', '=', 'whatsapp-crash-test')
      .execute()
    expect(imports).toHaveLength(1)
    expect(imports[0]).toMatchObject({
      status: 'succeeded',
      records_read: 5,
      inserted: 5,
      checkpoint: 5,
    })
    const loaded = await t.services.db
      .selectFrom('ticket')
      .select('source_ticket_id')
      .where('source_ticket_id', 'like', 'crash-%')
      .execute()
    expect(loaded).toHaveLength(5)
  })
})
