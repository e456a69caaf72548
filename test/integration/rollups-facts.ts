import { sql } from 'kysely'
import { transactionWithClient, type Db } from '../../src/db/connect.js'
import { stagedTicketRow, stagedTicketRows } from '../../src/db/ticket-columns.js'
import { upsertTickets } from '../../src/db/tickets.js'
import { stateOf } from '../../src/domain/merge-ticket.js'
import type { Channel } from '../../src/domain/channel.js'
import type { Segment } from '../../src/domain/segment.js'
import type { TicketEvent } from '../../src/domain/ticket-event.js'
import { statusRank, type TicketStatus } from '../../src/domain/ticket-status.js'

/** A hand-made ticket: only what a rollup reads; opened_at null means not opened yet. */
export interface Fact {
  id: string
  channel?: Channel
  openedAt: string | null
  firstResponseAt?: string | null
  status?: TicketStatus
  topic?: string | null
  subject?: string | null
  segment?: Segment | null
}

/** The `import` row facts need for their foreign key. */
export async function insertImport(db: Db): Promise<number> {
  const row = await db
    .insertInto('import')
    .values({
      channel: 'whatsapp',
      path: 'hand-made',
      sha256: '0'.repeat(64),
      adapter_version: 'test@1',
      status: 'succeeded',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function insertFacts(db: Db, importId: number, facts: readonly Fact[]): Promise<void> {
  if (facts.length === 0) return
  await db
    .insertInto('ticket')
    .values(
      facts.map((f) => ({
        channel: f.channel ?? 'whatsapp',
        source_ticket_id: f.id,
        opened_at: f.openedAt,
        first_response_at: f.firstResponseAt ?? null,
        status: f.status ?? 'resolved',
        status_rank: statusRank(f.status ?? 'resolved'),
        topic: f.topic ?? null,
        subject: f.subject ?? null,
        segment: f.segment ?? null,
        import_id: importId,
        adapter_version: 'test@1',
      })),
    )
    .execute()
}

/** Re-exports a ticket through the loader's upsert, as a later export would. */
export async function reexportTicket(db: Db, importId: number, fact: Fact): Promise<void> {
  const event: TicketEvent = {
    channel: fact.channel ?? 'whatsapp',
    sourceTicketId: fact.id,
    openedAt: fact.openedAt ? new Date(fact.openedAt) : null,
    firstResponseAt: fact.firstResponseAt ? new Date(fact.firstResponseAt) : null,
    closedAt: null,
    status: fact.status ?? 'resolved',
    agent: null,
    topic: fact.topic ?? null,
    segment: fact.segment ?? null,
    subject: null,
    customerKey: null,
    messageCount: null,
    raw: {},
  }
  await transactionWithClient(db, (trx) =>
    upsertTickets(
      trx,
      { importId, adapterVersion: 'test@1' },
      stagedTicketRows([stagedTicketRow(stateOf(event))]),
    ),
  )
}

export async function insertDocuments(
  db: Db,
  importId: number,
  receivedAt: readonly string[],
): Promise<void> {
  await db
    .insertInto('document')
    .values(
      receivedAt.map((at, i) => ({
        message_id: `<doc-${at}-${i}@pemda.go.id>`,
        sha256: String(i).padStart(64, '0'),
        received_at: at,
        sender_domain: 'pemda.go.id',
        file_name: `dokumen-${i}.pdf`,
        size_bytes: 1000,
        import_id: importId,
      })),
    )
    .execute()
}

/** Empties facts and rollups between tests of one file. */
export async function clearAll(db: Db): Promise<void> {
  await sql`
    truncate ticket, document, rollup_pending, reporting.channel_month, reporting.segment_month,
      reporting.topic_month, reporting.document_month
  `.execute(db)
}

/** Every rollup row, in key order: the whole state a rerun must reproduce. */
export async function readRollups(db: Db) {
  return {
    channelMonth: await db
      .selectFrom('reporting.channel_month')
      .selectAll()
      .orderBy('month')
      .orderBy('channel')
      .execute(),
    segmentMonth: await db
      .selectFrom('reporting.segment_month')
      .selectAll()
      .orderBy('month')
      .orderBy('segment')
      .execute(),
    topicMonth: await db
      .selectFrom('reporting.topic_month')
      .selectAll()
      .orderBy('month')
      .orderBy('channel')
      .orderBy('rank')
      .execute(),
    documentMonth: await db
      .selectFrom('reporting.document_month')
      .selectAll()
      .orderBy('month')
      .execute(),
  }
}
