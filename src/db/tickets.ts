import { sql } from 'kysely'
import { DESCRIPTIVE_FIELDS, type TicketState } from '../domain/merge-ticket.js'
import { statusRank } from '../domain/ticket-status.js'
import type { ClientTransaction } from './connect.js'
import { copyRows, type CopyValue } from './copy-rows.js'
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
const MERGED_FACTS: Record<string, ReturnType<typeof sql>> = {
  opened_at: sql`least(t.opened_at, excluded.opened_at)`,
  first_response_at: sql`least(t.first_response_at, excluded.first_response_at)`,
  closed_at: sql`greatest(t.closed_at, excluded.closed_at)`,
  status: sql`case when excluded.status_rank > t.status_rank then excluded.status else t.status end`,
  status_rank: sql`greatest(t.status_rank, excluded.status_rank)`,
  message_count: sql`greatest(t.message_count, excluded.message_count)`,
}
const MERGED: Record<string, ReturnType<typeof sql>> = {
  ...MERGED_FACTS,
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

/** The ticket columns a batch writes. */
const TICKET_COLUMNS = [
  'channel',
  'source_ticket_id',
  'opened_at',
  'first_response_at',
  'closed_at',
  'status',
  'status_rank',
  'message_count',
  ...DESCRIPTIVE_COLUMNS.flatMap((column) => [column, `${column}_rank`, `${column}_activity_at`]),
]

/**
 * What COPY stages, the ticket columns plus `activity_at`, the activity time of the record the
 * raw text came from. A field's own activity time is staged only when it differs ('-infinity'
 * for none): fields mostly come from that record, and parsing times is most of COPY's work.
 */
const STAGED_COLUMNS = [...TICKET_COLUMNS, 'activity_at']

/** The staged row as the ticket's columns, each field's activity time filled in. */
const FROM_STAGE = sql.join(
  TICKET_COLUMNS.map((column) => {
    const field = DESCRIPTIVE_COLUMNS.find((f) => column === `${f}_activity_at`)
    if (!field) return sql`s.${sql.ref(column)}`
    return sql`case when s.${sql.ref(`${field}_rank`)} >= 0
      then nullif(coalesce(s.${sql.ref(column)}, s.activity_at), '-infinity') end`
  }),
)

const stagedRow = ({ event, fieldSources, rawSource }: TicketState): CopyValue[] => [
  event.channel,
  event.sourceTicketId,
  event.openedAt,
  event.firstResponseAt,
  event.closedAt,
  event.status,
  statusRank(event.status),
  event.messageCount,
  ...DESCRIPTIVE_FIELDS.flatMap((field) => {
    const { rank, activityAt } = fieldSources[field]
    const sameTime = rank < 0 || activityAt?.getTime() === rawSource.activityAt?.getTime()
    return [event[field] || null, rank, sameTime ? null : (activityAt ?? '-infinity')]
  }),
  rawSource.activityAt,
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
    select ${TICKET_COLUMNS.join(', ')}, closed_at as activity_at from ticket with no data`)
  await copyRows(trx.client, 'ticket_stage', STAGED_COLUMNS, states.map(stagedRow))

  // A row changes when a fact moves or a descriptive field's incoming claim wins (it is then
  // different, the comparison being strict): cheaper than comparing every merged column.
  const factNames = Object.keys(MERGED_FACTS)
  const merged = sql.join(factNames.map((name) => MERGED_FACTS[name]!))
  const current = sql.join(factNames.map((name) => sql`t.${sql.ref(name)}`))
  const changed = sql.join(
    [sql`(${merged}) is distinct from (${current})`, ...DESCRIPTIVE_COLUMNS.map(incomingWins)],
    sql` or `,
  )
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
    insert into ticket as t (${sql.join(TICKET_COLUMNS.map((name) => sql.ref(name)))},
      import_id, adapter_version)
    select ${FROM_STAGE}, ${file.importId}::bigint, ${file.adapterVersion}::text from ticket_stage s
    order by s.channel collate "C", s.source_ticket_id collate "C"
    on conflict (channel, source_ticket_id) do update
      set ${assignments}, import_id = excluded.import_id,
          adapter_version = excluded.adapter_version, updated_at = now()
      where ${changed}
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
