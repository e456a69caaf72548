import { sql, type Transaction } from 'kysely'
import type { TicketEvent } from '../domain/ticket-event.js'
import { statusRank } from '../domain/ticket-status.js'
import type { Db } from './connect.js'
import type { Database } from './schema.js'

export type TicketOutcome = 'inserted' | 'updated' | 'unchanged'

export interface TicketUpsertResult {
  /** Outcome per sourceTicketId of the batch. */
  outcomes: Map<string, TicketOutcome>
  /** Instants whose WIB months changed: opened_at after and (if it moved) before. */
  touched: Date[]
}

/** Whether the incoming row wins the descriptive fields: higher status rank, ties to the newcomer. */
const INCOMING_WINS = sql`excluded.status_rank >= t.status_rank`
const preferWinner = (column: string) =>
  sql`case when ${INCOMING_WINS} then coalesce(excluded.${sql.ref(column)}, t.${sql.ref(column)})
      else coalesce(t.${sql.ref(column)}, excluded.${sql.ref(column)}) end`

/**
 * The README merge rules in SQL (mirrors domain/merge-ticket.ts), so that the order in which
 * exports arrive never matters. LEAST/GREATEST ignore nulls.
 */
const MERGED = {
  opened_at: sql`least(t.opened_at, excluded.opened_at)`,
  first_response_at: sql`least(t.first_response_at, excluded.first_response_at)`,
  closed_at: sql`greatest(t.closed_at, excluded.closed_at)`,
  status: sql`case when ${INCOMING_WINS} then excluded.status else t.status end`,
  status_rank: sql`greatest(t.status_rank, excluded.status_rank)`,
  agent: preferWinner('agent'),
  topic: preferWinner('topic'),
  segment: preferWinner('segment'),
  subject: preferWinner('subject'),
  customer_key: preferWinner('customer_key'),
  message_count: sql`greatest(t.message_count, excluded.message_count)`,
}
const MERGED_COLUMNS = Object.keys(MERGED) as (keyof typeof MERGED)[]

/**
 * Upserts one batch of tickets (at most one event per id: merge duplicates first) in a single
 * statement over unnest() arrays. A row is rewritten only when a merged value changes, so a
 * re-ingested file reports every ticket as unchanged and leaves updated_at alone.
 */
export async function upsertTickets(
  db: Db | Transaction<Database>,
  importId: number,
  adapterVersion: string,
  events: readonly TicketEvent[],
): Promise<TicketUpsertResult> {
  if (events.length === 0) return { outcomes: new Map(), touched: [] }
  const sorted = [...events].sort((a, b) => compareKeys(a, b)) // one lock order: no deadlocks
  const column = <T>(pick: (e: TicketEvent) => T) => sorted.map(pick)

  const changed = sql.join(MERGED_COLUMNS.map((name) => sql`${MERGED[name]}`))
  const current = sql.join(MERGED_COLUMNS.map((name) => sql`t.${sql.ref(name)}`))
  const assignments = sql.join(MERGED_COLUMNS.map((name) => sql`${sql.ref(name)} = ${MERGED[name]}`))

  const { rows } = await sql<{
    source_ticket_id: string
    inserted: boolean
    opened_at: Date | null
    prior_opened_at: Date | null
  }>`
    with input as (
      select * from unnest(
        ${column((e) => e.channel)}::text[], ${column((e) => e.sourceTicketId)}::text[],
        ${column((e) => e.openedAt)}::timestamptz[], ${column((e) => e.firstResponseAt)}::timestamptz[],
        ${column((e) => e.closedAt)}::timestamptz[], ${column((e) => e.status)}::text[],
        ${column((e) => statusRank(e.status))}::smallint[], ${column((e) => e.agent || null)}::text[],
        ${column((e) => e.topic || null)}::text[], ${column((e) => e.segment)}::text[],
        ${column((e) => e.subject || null)}::text[], ${column((e) => e.customerKey)}::text[],
        ${column((e) => e.messageCount)}::int[]
      ) as i(channel, source_ticket_id, opened_at, first_response_at, closed_at, status, status_rank,
             agent, topic, segment, subject, customer_key, message_count)
    ),
    prior as (
      select t.source_ticket_id, t.opened_at
      from ticket t join input i using (channel, source_ticket_id)
    ),
    upserted as (
      insert into ticket as t (channel, source_ticket_id, opened_at, first_response_at, closed_at,
        status, status_rank, agent, topic, segment, subject, customer_key, message_count,
        import_id, adapter_version)
      select i.*, ${importId}::bigint, ${adapterVersion}::text from input i
      on conflict (channel, source_ticket_id) do update
        set ${assignments}, import_id = excluded.import_id,
            adapter_version = excluded.adapter_version, updated_at = now()
        where (${changed}) is distinct from (${current})
      returning t.source_ticket_id, t.opened_at, (xmax = 0) as inserted
    )
    select u.source_ticket_id, u.inserted, u.opened_at, p.opened_at as prior_opened_at
    from upserted u left join prior p using (source_ticket_id)
  `.execute(db)

  const outcomes = new Map<string, TicketOutcome>(sorted.map((e) => [e.sourceTicketId, 'unchanged']))
  const touched: Date[] = []
  for (const row of rows) {
    outcomes.set(row.source_ticket_id, row.inserted ? 'inserted' : 'updated')
    if (row.opened_at) touched.push(row.opened_at)
    if (row.prior_opened_at && row.prior_opened_at.getTime() !== row.opened_at?.getTime()) {
      touched.push(row.prior_opened_at)
    }
  }
  return { outcomes, touched }
}

function compareKeys(a: TicketEvent, b: TicketEvent): number {
  return a.sourceTicketId < b.sourceTicketId ? -1 : a.sourceTicketId > b.sourceTicketId ? 1 : 0
}
