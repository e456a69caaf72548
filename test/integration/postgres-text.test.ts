import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { FileOutcome } from '../../src/cli/wait-for-ingest.js'
import type { Channel } from '../../src/domain/channel.js'
import { fixturePath } from '../adapters/run-adapter.js'
import { ingestAndWait, writeTempFile } from '../support/ingest.js'
import { useTestServices } from '../support/services.js'

// Hostile text: NULs and lone surrogates land in reject reasons, raw records and facts alike.
// Postgres refuses both in text (and jsonb), so each case once failed the whole batch five times
// and left its import running; now every record is accounted for and the outcome is final.

const HEADER =
  'Ticket ID;Channel;Customer Phone;Subject;Category;Customer Type;Status;Agent;Created At;First Response At;Resolved At'
const row = (id: string, channel = 'WA', subject = 'x') =>
  `${id};${channel};;${subject};;;Open;;01/12/2021 10:00;;`

describe('text Postgres would refuse, through the worker', () => {
  const t = useTestServices({ BATCH_SIZE: 2 })
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dering-text-'))
    await t.startWorker('ingest')
  })

  const ingest = async (channel: Channel, name: string, content: string | Buffer) => {
    const file = await writeTempFile(dir, name, content)
    const [outcome] = await ingestAndWait(t.services, channel, [file])
    const imports = await t.services.db
      .selectFrom('import')
      .selectAll()
      .where('path', '=', file)
      .execute()
    return { outcome: outcome!, imports }
  }
  const rejectsOf = (outcome: FileOutcome) => {
    if (outcome.status !== 'ingested') throw new Error(`not ingested: ${JSON.stringify(outcome)}`)
    return t.services.db
      .selectFrom('reject')
      .select(['record_number', 'reason', 'raw'])
      .where('import_id', '=', outcome.result.importId)
      .orderBy('record_number')
      .execute()
  }

  it('a NUL in the Channel column is a reject: the reason drops it, the raw text shows it escaped', async () => {
    const csv = [HEADER, row('g-1'), row('nul', 'Whats\0App'), row('g-2'), row('g-3')].join('\n')
    const { outcome, imports } = await ingest('whatsapp', 'channel-nul.csv', `${csv}\n`)
    expect(outcome).toMatchObject({
      status: 'ingested',
      result: { read: 4, inserted: 3, rejected: 1 },
    })
    expect(imports.map((i) => i.status)).toEqual(['succeeded'])
    expect(await rejectsOf(outcome)).toEqual([
      {
        record_number: 2,
        reason: 'unsupported channel: WhatsApp',
        raw: row('nul', 'Whats\\x00App'),
      },
    ])
  })

  it('a NUL in a CDR date is a reject and the calls around it load', async () => {
    const lines = (await readFile(fixturePath('phone/sample.cdr'), 'latin1')).split('\n')
    lines[1] = lines[1]!.replace(/^011221/, '01\x0012x')
    const { outcome, imports } = await ingest('phone', 'date-nul.cdr', lines.join('\n'))
    expect(outcome).toMatchObject({ status: 'ingested', result: { rejected: 1 } })
    if (outcome.status !== 'ingested') return
    const { read, inserted, updated, unchanged, skipped, rejected } = outcome.result
    expect(inserted + updated + unchanged + skipped + rejected).toBe(read)
    expect(inserted).toBeGreaterThan(0)
    expect(imports.map((i) => i.status)).toEqual(['succeeded'])
    const [reject] = await rejectsOf(outcome)
    expect(reject!.reason).toContain('"0112x 0931"')
    expect(reject!.raw).toMatch(/^01\\x0012x 0931 /)
  })

  it('random binary inside a CDR file is rejected line by line, the calls load', async () => {
    const lines = (await readFile(fixturePath('phone/sample.cdr'))).toString('latin1').split('\n')
    // A stretch of binary junk without line breaks (NULs, control and high bytes), as a collector
    // writes when its buffer is corrupted; short enough that the file still reads as text.
    const junk = Buffer.from(
      Array.from({ length: 40 }, (_, i) => [0, 1, 7, 0x1b, 0x80, 0xff, 0xc3, 0x41][i % 8]!),
    ).toString('latin1')
    const cdr = Buffer.from([lines[0], junk, ...lines.slice(1)].join('\n'), 'latin1')
    const { outcome, imports } = await ingest('phone', 'binary-inside.cdr', cdr)
    expect(outcome).toMatchObject({ status: 'ingested' })
    if (outcome.status !== 'ingested') return
    const { read, inserted, updated, unchanged, skipped, rejected } = outcome.result
    expect(inserted + updated + unchanged + skipped + rejected).toBe(read)
    expect(rejected).toBe(1)
    const [reject] = await rejectsOf(outcome)
    expect(reject!.raw).not.toContain('\0')
    expect(reject!.raw.length).toBeGreaterThan(0)
    expect(imports.map((i) => i.status)).toEqual(['succeeded'])
  })

  it('a file of random binary as CDR fails whole, its import failed, not running', async () => {
    const { outcome, imports } = await ingest('phone', 'binary.cdr', randomBytes(4000))
    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringContaining('binary') })
    expect(imports.map((i) => i.status)).toEqual(['failed'])
  })

  it('lone surrogates from JSON escapes become U+FFFD in facts and raw records', async () => {
    // JSON may escape half a surrogate pair ("\ud800"); JSON.parse gives a lone surrogate, which
    // Postgres's UTF-8 and jsonb refuse.
    const chat = (id: number, subject: string) =>
      `{"id":${id},"status":"open","subject":"${subject}","date_created":"2021-12-07 01:00:00"}`
    const file = [chat(7101, 'Tanya\\ud800DAU'), chat(7102, 'ok\\udc00')].join('\n')
    const { outcome, imports } = await ingest('livechat', 'surrogates.ndjson', `${file}\n`)
    expect(outcome).toMatchObject({ status: 'ingested', result: { read: 2, inserted: 2 } })
    expect(imports.map((i) => i.status)).toEqual(['succeeded'])
    const tickets = await t.services.db
      .selectFrom('ticket')
      .select(['source_ticket_id', 'subject'])
      .where('source_ticket_id', 'in', ['7101', '7102'])
      .orderBy('source_ticket_id')
      .execute()
    expect(tickets.map((r) => r.subject)).toEqual(['Tanya\uFFFDDAU', 'ok\uFFFD'])
    const source = await t.services.db
      .selectFrom('ticket_source')
      .select('raw')
      .where('source_ticket_id', '=', '7101')
      .executeTakeFirstOrThrow()
    expect(source.raw).toMatchObject({ subject: 'Tanya\uFFFDDAU' })
  })
})
