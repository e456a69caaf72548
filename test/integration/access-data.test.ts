import { readFile } from 'node:fs/promises'
import { sql, type Transaction } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { recomputeMonths, listPendingMonths } from '../../src/db/rollups.js'
import type { Database } from '../../src/db/schema.js'
import type { Channel } from '../../src/domain/channel.js'
import { normalizePhone } from '../../src/domain/contact.js'
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
const RAW_TABLES = ['ticket', 'ticket_source', 'ticket_source_batch', 'reject', 'import', 'document']

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
    for (const [channel, file] of SAMPLES) {
      const [outcome] = await ingestAndWait(t.services, channel, [fixturePath(file)])
      expect(outcome?.status).toBe('ingested')
    }
    await recomputeMonths(t.services.db, await listPendingMonths(t.services.db))
    contacts = await contactsIn(SAMPLES.map(([, file]) => file))
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

  it.each(RAW_TABLES)('refuses dering_analyst the %s table, rows and all', async (table) => {
    const probe = t.services.db.transaction().execute(async (trx: Transaction<Database>) => {
      await sql`set local role dering_analyst`.execute(trx)
      await sql`select * from ${sql.table(table)} limit 1`.execute(trx)
      throw new Rollback()
    })
    await expect(probe).rejects.toThrow(new RegExp(`permission denied for (table|view) ${table}$`))
  })
})
