import { sql } from 'kysely'
import { DESCRIPTIVE_FIELDS, type TicketState } from '../domain/merge-ticket.js'
import { statusRank } from '../domain/ticket-status.js'
import type { ClientTransaction } from './connect.js'
import { copyRows } from './copy-rows.js'
import type { ImportedFile } from './imports.js'

export type TicketOutcome = 'inserted' | 'updated' | 'unchanged'

export interface TicketUpsertResult {
  /** Outcome per sourceTicketId of the batch. */
  outcomes: Map<string, TicketOutcome>
  /** Instants whose WIB months changed: opened_at after and (if it moved) before. */
  touched: Date[]
}

const DESCRIPTIVE_COLUMNS = ['agent', 'topic', 'segment', 'subject', 'customer_key'] as const

/**
 * Whether the incoming record's claim on a descriptive field beats the stored one: higher status
 * rank, then later source activity time, then the greater value by code point (`collate "C"`
 * compares UTF-8 bytes). An empty field has rank -1 and no time, so any value beats it.
 */
const incomingWins = (column: string) => {
  const rank = sql.ref(`${column}_rank`)
  const activity = sql.ref(`${column}_activity_at`)
  const value = sql.ref(column)
  return sql`(excluded.${rank}, coalesce(excluded.${activity}, '-infinity'), excluded.${value} collate "C")
    > (t.${rank}, coalesce(t.${activity}, '-infinity'), t.${value} collate "C")`
}

/** A descriptive field and where it came from, taken together from the winning side. */
const fromWinner = (column: string, part: string) =>
  sql`case when ${incomingWins(column)} then excluded.${sql.ref(part)} else t.${sql.ref(part)} end`

/**
 * The README merge rules in SQL (the same as domain/merge-ticket.ts), so that the order in which
 * exports arrive never matters. LEAST/GREATEST ignore nulls.
 */
const MERGED: Record<string, ReturnType<typeof sql>> = {
  opened_at: sql`least(t.opened_at, excluded.opened_at)`,
  first_response_at: sql`least(t.first_response_at, excluded.first_response_at)`,
  closed_at: sql`greatest(t.closed_at, excluded.closed_at)`,
  status: sql`case when excluded.status_rank > t.status_rank then excluded.status else t.status end`,
  status_rank: sql`greatest(t.status_rank, excluded.status_rank)`,
  message_count: sql`greatest(t.message_count, excluded.message_count)`,
  ...Object.fromEntries(
    DESCRIPTIVE_COLUMNS.flatMap((column) =>
      [column, `${column}_rank`, `${column}_activity_at`].map((part) => [
        part,
        fromWinner(column, part),
      ]),
    ),
  ),
}
const MERGED_COLUMNS = Object.keys(MERGED)

/** The columns a batch brings, staged with COPY before the merge. */
const STAGED_COLUMNS = [
  'channel',
  'source_ticket_id',
  'opened_at',
  'first_response_at',
  'closed_at',
  'status',
  'status_rank',
  'message_count',
  ...DESCRIPTIVE_COLUMNS.flatMap(
    (column) => [column, `${column}_rank`, `${column}_activity_at`] as const,
  ),
] as const

const stagedRow = ({ event, fieldSources }: TicketState) => [
  event.channel,
  event.sourceTicketId,
  event.openedAt,
  event.firstResponseAt,
  event.closedAt,
  event.status,
  statusRank(event.status),
  event.messageCount,
  ...DESCRIPTIVE_FIELDS.flatMap((field) => [
    event[field] || null,
    fieldSources[field].rank,
    fieldSources[field].activityAt,
  ]),
]

/**
 * Upserts one batch of tickets (one state per id: merge a ticket's records first): COPY into a
 * session-local staging table (emptied at commit), then one INSERT … ON CONFLICT from it. A row
 * is rewritten only when a merged value changes, so a re-ingested file reports every ticket as
 * unchanged and leaves updated_at alone.
 */
export async function upsertTickets(
  trx: ClientTransaction,
  file: Pick<ImportedFile, 'importId' | 'adapterVersion'>,
  states: readonly TicketState[],
): Promise<TicketUpsertResult> {
  if (states.length === 0) return { outcomes: new Map(), touched: [] }
  // The staged columns take their types from `ticket` itself.
  await trx.client.query(`
    create temporary table if not exists ticket_stage on commit delete rows as
    select ${STAGED_COLUMNS.join(', ')} from ticket with no data`)
  await copyRows(trx.client, 'ticket_stage', STAGED_COLUMNS, states.map(stagedRow))

  const changed = sql.join(MERGED_COLUMNS.map((name) => MERGED[name]!))
  const current = sql.join(MERGED_COLUMNS.map((name) => sql`t.${sql.ref(name)}`))
  const assignments = sql.join(
    MERGED_COLUMNS.map((name) => sql`${sql.ref(name)} = ${MERGED[name]!}`),
  )

  // One lock order for every batch (the ORDER BY): concurrent workers never deadlock on shared tickets.
  const { rows } = await sql<{
    source_ticket_id: string
    inserted: boolean
    opened_at: Date | null
    prior_opened_at: Date | null
  }>`
    insert into ticket as t (${sql.join(STAGED_COLUMNS.map((name) => sql.ref(name)))},
      import_id, adapter_version)
    select s.*, ${file.importId}::bigint, ${file.adapterVersion}::text from ticket_stage s
    order by s.channel collate "C", s.source_ticket_id collate "C"
    on conflict (channel, source_ticket_id) do update
      set ${assignments}, import_id = excluded.import_id,
          adapter_version = excluded.adapter_version, updated_at = now()
      where (${changed}) is distinct from (${current})
    -- For updated rows only, opened_at as it was: the statement's snapshot still sees the old row.
    returning t.source_ticket_id, (t.xmax = 0) as inserted, t.opened_at,
      case when t.xmax <> 0 then (
        select p.opened_at from ticket p
        where p.channel = t.channel and p.source_ticket_id = t.source_ticket_id
      ) end as prior_opened_at
  `.execute(trx.db)

  const outcomes = new Map<string, TicketOutcome>(
    states.map((s) => [s.event.sourceTicketId, 'unchanged']),
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
