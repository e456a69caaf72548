import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql, type Transaction } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { recomputeMonths, listPendingMonths } from '../../src/db/rollups.js'
import type { Database } from '../../src/db/schema.js'
import type { Channel } from '../../src/domain/channel.js'
import { normalizePhone } from '../../src/domain/contact.js'
import { formatReport } from '../../src/report/format-report.js'
import { TEXT_REPORT_FORMATS } from '../../src/report/report-formats.js'
import { loadReport } from '../../src/report/load-report.js'
import { selectRawTopics } from '../../src/db/raw-topics.js'
import { DEFAULT_TOPIC_TAXONOMY } from '../../src/domain/topic-taxonomy.js'
import { listUnmatchedTopics } from '../../src/report/unmatched-topics.js'
import { fixturePath } from '../adapters/run-adapter.js'
import { ingestAndWait } from '../support/ingest.js'
import { useTestServices } from '../support/services.js'

/** One sample of every channel, holding customers' phone numbers and email addresses. */
const SAMPLES: [Channel, string][] = [
  ['whatsapp', 'whatsapp/sample-bom-semicolon.csv'],
  ['whatsapp', 'whatsapp/phone-formats.csv'],
  ['phone', 'phone/sample.cdr'],
  ['phone', 'phone/sample.csv'],
  ['hai_kemenkeu', 'hai_kemenkeu/sample.csv'],
  ['livechat', 'livechat/sample-page.json'],
  ['email', 'email/sample-thread.mbox'],
  ['email', 'email/subject-threading.mbox'],
]
/**
 * Contacts as customers type them into a subject or an agent copies into a category: every
 * Indonesian phone shape and an address, each of which must end as [nomor]/[email].
 */
const HOSTILE_CONTACTS = [
  '081234567890',
  '+62 812-3456-7891',
  '62.812.3456.7892',
  '0812 3456 7893',
  '(021) 345 6789',
  'pelapor.rahasia@gmail.com',
  'Keu.Sleman@slemankab.go.id',
]
const HOSTILE_CSV = [
  'Ticket ID;Channel;Customer Name;Customer Phone;Subject;Category;Customer Type;Status;Agent;Created At',
  ...HOSTILE_CONTACTS.map(
    (contact, i) =>
      `H-${i};WhatsApp;Pelanggan;6281100000${i};Tolong hubungi ${contact} segera;Info ${contact};Pemda;Resolved;Rina;0${i + 1}/12/2021 09:00`,
  ),
].join('\r\n')

const RAW_TABLES = [
  'ticket',
  'ticket_source',
  'ticket_source_batch',
  'reject',
  'import',
  'document',
]

/** Message ids look like addresses but name messages, not people; staff addresses are not customers'. */
const NOT_A_CONTACT = /^(message-id|in-reply-to|references):|kemenkeu\.go\.id$/i
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g
// A phone number as exports write it; never part of a longer run of digits (UCIDs, Unix times).
const PHONE = /(?<![\d])(?:\+62|62|0)[\s-]?8?\d{1,3}(?:[\s-]?\d{3,4}){2,3}(?![\d])/g

async function contactsIn(files: string[]): Promise<string[]> {
  const found = new Set<string>()
  for (const file of files) {
    for (const line of (await readFile(fixturePath(file), 'utf8')).split(/\r?\n/)) {
      for (const [address] of line.matchAll(EMAIL)) {
        if (!NOT_A_CONTACT.test(line.trim()) && !NOT_A_CONTACT.test(address)) {
          found.add(address.toLowerCase())
        }
      }
      for (const [phone] of line.matchAll(PHONE)) {
        found.add(phone)
        found.add(phone.replace(/\D/g, ''))
        found.add(normalizePhone(phone) ?? phone)
      }
    }
  }
  return [...found]
}

/** The rollback is the point: the probe runs as the analyst in a transaction that never commits. */
class Rollback extends Error {}

describe('data protection: contacts and the analyst role, on ingested samples', () => {
  const t = useTestServices()
  let contacts: string[]
  beforeAll(async () => {
    await t.startWorker('ingest')
    const hostile = path.join(await mkdtemp(path.join(tmpdir(), 'dering-contacts-')), 'typed.csv')
    await writeFile(hostile, `${HOSTILE_CSV}\r\n`)
    for (const [channel, file] of [...SAMPLES, ['whatsapp', hostile] as const]) {
      const [outcome] = await ingestAndWait(t.services, channel, [
        path.isAbsolute(file) ? file : fixturePath(file),
      ])
      expect(outcome?.status).toBe('ingested')
    }
    await recomputeMonths(t.services.db, await listPendingMonths(t.services.db))
    contacts = [
      ...(await contactsIn(SAMPLES.map(([, file]) => file))),
      ...HOSTILE_CONTACTS.flatMap((c) => [c.toLowerCase(), c.replace(/\D/g, '')]).filter(
        (c) => c.length > 0,
      ),
    ]
  })

  const textOf = async (relation: string) => {
    const { rows } = await sql<{
      row: string
    }>`select r::text as row from ${sql.table(relation)} r`.execute(t.services.db)
    return rows.map((r) => r.row.toLowerCase()).join('\n')
  }

  it('finds the samples full of contacts, kept raw in ticket_source for operators only', async () => {
    expect(contacts.filter((c) => c.includes('@')).length).toBeGreaterThanOrEqual(3)
    expect(contacts.filter((c) => !c.includes('@')).length).toBeGreaterThanOrEqual(6)
    const sources = await textOf('ticket_source')
    expect(contacts.filter((c) => sources.includes(c)).length).toBeGreaterThan(3)
  })

  it('keeps every phone number and email address out of ticket and reporting.*', async () => {
    const { rows } = await sql<{ name: string }>`
      select 'reporting.' || table_name as name from information_schema.tables where table_schema = 'reporting'
    `.execute(t.services.db)
    expect(rows.length).toBeGreaterThan(5)
    const ticketText = await textOf('ticket')
    expect(ticketText.length).toBeGreaterThan(1_000)
    for (const relation of ['ticket', ...rows.map((r) => r.name)]) {
      const text = relation === 'ticket' ? ticketText : await textOf(relation)
      expect({ relation, leaked: contacts.filter((contact) => text.includes(contact)) }).toEqual({
        relation,
        leaked: [],
      })
    }
  })

  it('replaces contacts typed into subjects and topics by [nomor] and [email]', async () => {
    const rows = await t.services.db
      .selectFrom('ticket')
      .select(['source_ticket_id', 'subject', 'topic', 'agent'])
      .where('source_ticket_id', 'like', 'H-%')
      .orderBy('source_ticket_id')
      .execute()
    const placeholders = HOSTILE_CONTACTS.map((c) => (c.includes('@') ? '[email]' : '[nomor]'))
    expect(rows).toEqual(
      placeholders.map((placeholder, i) => ({
        source_ticket_id: `H-${i}`,
        subject: `Tolong hubungi ${placeholder} segera`,
        topic: `Info ${placeholder}`,
        agent: 'Rina',
      })),
    )
  })

  it('keeps every contact out of the report in every format', async () => {
    const report = await loadReport(t.services.db, { year: 2021, month: '2021-12' })
    // The raw topic is redacted where it is kept and listed; the report shows only labels.
    const listed = listUnmatchedTopics(
      await selectRawTopics(t.services.db),
      DEFAULT_TOPIC_TAXONOMY,
      50,
    )
    expect(listed.topics.map((topic) => topic.text)).toContain('Info [nomor]')
    const text = JSON.stringify(listed).toLowerCase()
    expect(contacts.filter((contact) => text.includes(contact))).toEqual([])
    expect(report.topTopics.whatsapp.map((topic) => topic.code)).toContain('lainnya')
    // xlsx and pdf hold the same figures and text as these
    for (const format of TEXT_REPORT_FORMATS) {
      const text = formatReport(report, format).toLowerCase()
      expect({ format, leaked: contacts.filter((contact) => text.includes(contact)) }).toEqual({
        format,
        leaked: [],
      })
    }
  })

  it.each(RAW_TABLES)('refuses dering_analyst the %s table, rows and all', async (table) => {
    const probe = t.services.db.transaction().execute(async (trx: Transaction<Database>) => {
      await sql`set local role dering_analyst`.execute(trx)
      await sql`select * from ${sql.table(table)} limit 1`.execute(trx)
      throw new Rollback()
    })
    await expect(probe).rejects.toThrow(new RegExp(`permission denied for (table|view) ${table}$`))
  })
})
