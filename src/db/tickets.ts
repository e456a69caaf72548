import { sql, type Transaction } from 'kysely'
import type { TicketState } from '../domain/merge-ticket.js'
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

const DESCRIPTIVE_COLUMNS = ['agent', 'topic', 'segment', 'subject', 'customer_key'] as const

/** A descriptive field and its rank come from whichever side has the higher rank; ties to the newcomer. */
const fromHigherRank = (column: string) =>
  sql`case when excluded.${sql.ref(`${column}_rank`)} >= t.${sql.ref(`${column}_rank`)}
      then excluded.${sql.ref(column)} else t.${sql.ref(column)} end`

/**
 * The README merge rules in SQL (mirrors domain/merge-ticket.ts), so that the order in which
 * exports arrive never matters. LEAST/GREATEST ignore nulls.
 */
const MERGED: Record<string, ReturnType<typeof sql>> = {
  opened_at: sql`least(t.opened_at, excluded.opened_at)`,
  first_response_at: sql`least(t.first_response_at, excluded.first_response_at)`,
  closed_at: sql`greatest(t.closed_at, excluded.closed_at)`,
  status: sql`case when excluded.status_rank >= t.status_rank then excluded.status else t.status end`,
  status_rank: sql`greatest(t.status_rank, excluded.status_rank)`,
  message_count: sql`greatest(t.message_count, excluded.message_count)`,
  ...Object.fromEntries(
    DESCRIPTIVE_COLUMNS.flatMap((column) => [
      [column, fromHigherRank(column)],
      [
        `${column}_rank`,
        sql`greatest(t.${sql.ref(`${column}_rank`)}, excluded.${sql.ref(`${column}_rank`)})`,
      ],
    ]),
  ),
}
const MERGED_COLUMNS = Object.keys(MERGED)

/**
 * Upserts one batch of tickets (one state per id: merge a ticket's records first) in a single
 * statement over unnest() arrays. A row is rewritten only when a merged value changes, so a
 * re-ingested file reports every ticket as unchanged and leaves updated_at alone.
 */
export async function upsertTickets(
  db: Db | Transaction<Database>,
  importId: number,
  adapterVersion: string,
  states: readonly TicketState[],
): Promise<TicketUpsertResult> {
  if (states.length === 0) return { outcomes: new Map(), touched: [] }
  // One lock order for every batch: concurrent workers never deadlock on shared tickets.
  const sorted = [...states].sort((a, b) =>
    compareIds(a.event.sourceTicketId, b.event.sourceTicketId),
  )
  const column = <T>(pick: (s: TicketState) => T) => sorted.map(pick)
  const text = (value: string | null) => value || null

  const changed = sql.join(MERGED_COLUMNS.map((name) => MERGED[name]!))
  const current = sql.join(MERGED_COLUMNS.map((name) => sql`t.${sql.ref(name)}`))
  const assignments = sql.join(
    MERGED_COLUMNS.map((name) => sql`${sql.ref(name)} = ${MERGED[name]!}`),
  )

  const { rows } = await sql<{
    source_ticket_id: string
    inserted: boolean
    opened_at: Date | null
    prior_opened_at: Date | null
  }>`
    with input as (
      select * from unnest(
        ${column((s) => s.event.channel)}::text[], ${column((s) => s.event.sourceTicketId)}::text[],
        ${column((s) => s.event.openedAt)}::timestamptz[], ${column((s) => s.event.firstResponseAt)}::timestamptz[],
        ${column((s) => s.event.closedAt)}::timestamptz[], ${column((s) => s.event.status)}::text[],
        ${column((s) => statusRank(s.event.status))}::smallint[], ${column((s) => s.event.messageCount)}::int[],
        ${column((s) => text(s.event.agent))}::text[], ${column((s) => s.fieldRanks.agent)}::smallint[],
        ${column((s) => text(s.event.topic))}::text[], ${column((s) => s.fieldRanks.topic)}::smallint[],
        ${column((s) => s.event.segment)}::text[], ${column((s) => s.fieldRanks.segment)}::smallint[],
        ${column((s) => text(s.event.subject))}::text[], ${column((s) => s.fieldRanks.subject)}::smallint[],
        ${column((s) => s.event.customerKey)}::text[], ${column((s) => s.fieldRanks.customerKey)}::smallint[]
      ) as i(channel, source_ticket_id, opened_at, first_response_at, closed_at, status, status_rank,
             message_count, agent, agent_rank, topic, topic_rank, segment, segment_rank,
             subject, subject_rank, customer_key, customer_key_rank)
    ),
    prior as (
      select t.source_ticket_id, t.opened_at
      from ticket t join input i using (channel, source_ticket_id)
    ),
    upserted as (
      insert into ticket as t (channel, source_ticket_id, opened_at, first_response_at, closed_at,
        status, status_rank, message_count, agent, agent_rank, topic, topic_rank, segment,
        segment_rank, subject, subject_rank, customer_key, customer_key_rank,
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

  const outcomes = new Map<string, TicketOutcome>(
    sorted.map((s) => [s.event.sourceTicketId, 'unchanged']),
  )
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

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
