import { describe, expect, it } from 'vitest'
import { transactionWithClient } from '../../src/db/connect.js'
import type { AdapterOutput } from '../../src/domain/adapter-output.js'
import { storeBatch } from '../../src/jobs/store-batch.js'
import { prepareBatch } from '../../src/jobs/prepare-batch.js'
import { blankEvent } from '../adapters/run-adapter.js'
import { useTestDatabase } from '../support/database.js'
import { insertImport } from './rollups-facts.js'

describe('storeBatch of a prepared batch', () => {
  const t = useTestDatabase()

  it('drops NUL characters from tickets, raw records and document names, and counts every output', async () => {
    const importId = await insertImport(t.db)
    const outputs: AdapterOutput[] = [
      {
        kind: 'ticket',
        recordNumber: 1,
        event: {
          ...blankEvent('email'),
          sourceTicketId: 'nul\0-1@example.id',
          openedAt: new Date('2021-12-01T03:00:00Z'),
          subject: 'Tanya\0DAU',
          raw: { Subject: 'Tanya\0DAU', nested: ['a\0b'] },
        },
      },
      {
        kind: 'document',
        recordNumber: 2,
        document: {
          messageId: 'lapor-1@example.id',
          receivedAt: new Date('2021-12-02T03:00:00Z'),
          senderDomain: 'bpkad.example.go.id',
          fileName: 'laporan\0.pdf',
          sizeBytes: 10,
          sha256: 'a'.repeat(64),
        },
      },
    ]
    const file = { importId, fileSha256: 'b'.repeat(64), adapterVersion: 'test@1' }
    const result = await transactionWithClient(t.db, (trx) =>
      storeBatch(trx, file, prepareBatch(outputs)),
    )
    expect(result.counts).toMatchObject({ read: 2, inserted: 2, rejected: 0, skipped: 0 })
    expect(result.months).toEqual(['2021-12'])

    const ticket = await t.db.selectFrom('ticket').selectAll().executeTakeFirstOrThrow()
    expect(ticket).toMatchObject({ source_ticket_id: 'nul-1@example.id', subject: 'TanyaDAU' })
    const source = await t.db.selectFrom('ticket_source').selectAll().executeTakeFirstOrThrow()
    expect(source).toMatchObject({
      channel: 'email',
      source_ticket_id: 'nul-1@example.id',
      import_id: importId,
      record_number: 1,
      raw: { Subject: 'TanyaDAU', nested: ['ab'] },
    })
    const document = await t.db.selectFrom('document').selectAll().executeTakeFirstOrThrow()
    expect(document.file_name).toBe('laporan.pdf')
  })

  it('names the WIB months a batch touched: of each ticket written and where an update moved it from', async () => {
    const importId = await insertImport(t.db)
    const file = { importId, fileSha256: 'd'.repeat(64), adapterVersion: 'test@1' }
    const ticket = (n: number, id: string, openedAt: string): AdapterOutput => ({
      kind: 'ticket',
      recordNumber: n,
      event: {
        ...blankEvent('whatsapp'),
        sourceTicketId: id,
        openedAt: new Date(openedAt),
        raw: {},
      },
    })
    const store = (outputs: AdapterOutput[]) =>
      transactionWithClient(t.db, (trx) => storeBatch(trx, file, prepareBatch(outputs)))

    const first = await store([ticket(1, 'moves', '2021-12-05T03:00:00Z')])
    expect(first.months).toEqual(['2021-12'])
    const second = await store([
      ticket(2, 'moves', '2021-10-31T17:30:00Z'), // 1 November, 00:30 WIB: earlier, so it moves
      ticket(3, 'new-a', '2021-09-15T03:00:00Z'),
      ticket(4, 'new-b', '2021-09-20T03:00:00Z'),
    ])
    expect(second.months).toEqual(['2021-09', '2021-11', '2021-12'])
    const again = await store([ticket(5, 'moves', '2021-12-06T03:00:00Z')]) // changes nothing
    expect(again.months).toEqual([])
  })

  it('stores every instant to the millisecond, before 1970 and after 2038 alike', async () => {
    const importId = await insertImport(t.db)
    const file = { importId, fileSha256: 'e'.repeat(64), adapterVersion: 'test@1' }
    const instants = [
      '1969-12-31T23:59:59.999Z',
      '2021-12-05T03:00:00.123Z',
      '2099-01-01T00:00:00.001Z',
    ]
    const outputs: AdapterOutput[] = instants.map((at, i) => ({
      kind: 'ticket',
      recordNumber: i + 1,
      event: {
        ...blankEvent('whatsapp'),
        sourceTicketId: `instant-${i}`,
        openedAt: new Date(at),
        firstResponseAt: new Date(new Date(at).getTime() + 1),
        closedAt: new Date(new Date(at).getTime() + 999),
        raw: {},
      },
    }))
    await transactionWithClient(t.db, (trx) => storeBatch(trx, file, prepareBatch(outputs)))
    const rows = await t.db
      .selectFrom('ticket')
      .select(['opened_at', 'first_response_at', 'closed_at'])
      .where('source_ticket_id', 'like', 'instant-%')
      .orderBy('source_ticket_id')
      .execute()
    expect(
      rows.map((r) => [r.opened_at, r.first_response_at, r.closed_at].map((d) => d?.toISOString())),
    ).toEqual(
      instants.map((at) => {
        const ms = new Date(at).getTime()
        return [ms, ms + 1, ms + 999].map((m) => new Date(m).toISOString())
      }),
    )
  })

  it('keeps the raw records of a batch read again once', async () => {
    const importId = await insertImport(t.db)
    const outputs: AdapterOutput[] = [1, 2, 3].map((n) => ({
      kind: 'ticket',
      recordNumber: n,
      event: { ...blankEvent('whatsapp'), sourceTicketId: `again-${n}`, raw: { n } },
    }))
    const file = { importId, fileSha256: 'c'.repeat(64), adapterVersion: 'test@1' }
    for (let pass = 0; pass < 2; pass += 1) {
      await transactionWithClient(t.db, (trx) => storeBatch(trx, file, prepareBatch(outputs)))
    }
    const sources = await t.db
      .selectFrom('ticket_source')
      .select(['source_ticket_id', 'record_number'])
      .where('source_ticket_id', 'like', 'again-%')
      .orderBy('record_number')
      .execute()
    expect(sources.map((s) => s.record_number)).toEqual([1, 2, 3])
  })
})
