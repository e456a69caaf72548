import { sql } from 'kysely'
import type { ClientTransaction } from './connect.js'
import { copyRows } from './copy-rows.js'
import type { ImportedFile } from './imports.js'
import {
  DESCRIPTIVE_COLUMNS,
  incomingWins,
  MERGED_FACTS,
  STAGED_COLUMNS,
  TICKET_COLUMNS,
} from './ticket-columns.js'

export interface TicketUpsertResult {
  /** The sourceTicketIds the batch inserted or updated; the others are unchanged. */
  outcomes: Map<string, 'inserted' | 'updated'>
  /** Instants whose WIB months changed: opened_at after and (if it moved) before. */
  touched: Date[]
}

const NAMES = TICKET_COLUMNS.map((column) => column.name)

/** The staged row as the ticket's columns, each field's activity time filled in. */
const FROM_STAGE = sql.join(TICKET_COLUMNS.map((column) => column.fromStage))

/** The merged row: every column but the key, merged from the stored and the incoming row. */
const ASSIGNMENTS = sql.join(
  TICKET_COLUMNS.flatMap(({ name, merge }) => (merge ? [sql`${sql.ref(name)} = ${merge}`] : [])),
)

/**
 * A row changes when a fact moves or a descriptive field's incoming claim wins (it is then
 * different, the comparison being strict): cheaper than comparing every merged column.
 */
const CHANGED = sql.join(
  [
    sql`(${sql.join(MERGED_FACTS.map((column) => column.merge))})
      is distinct from (${sql.join(MERGED_FACTS.map(({ name }) => sql`t.${sql.ref(name)}`))})`,
    ...DESCRIPTIVE_COLUMNS.map(incomingWins),
  ],
  sql` or `,
)

/**
 * Upserts one batch of tickets, given as staged COPY text (stagedTicketsText: one row per id,
 * a ticket's records merged first): COPY into a session-local staging table (emptied at
 * commit), then one INSERT … ON CONFLICT from it. A row is rewritten only when a merged value
 * changes, so a re-ingested file reports every ticket as unchanged and leaves updated_at alone.
 */
export async function upsertTickets(
  trx: ClientTransaction,
  file: Pick<ImportedFile, 'importId' | 'adapterVersion'>,
  stagedTickets: string,
): Promise<TicketUpsertResult> {
  if (stagedTickets === '') return { outcomes: new Map(), touched: [] }
  // The staged columns take their types from `ticket` itself.
  await trx.client.query(`
    create temporary table if not exists ticket_stage on commit delete rows as
    select ${NAMES.join(', ')}, closed_at as activity_at from ticket with no data`)
  await copyRows(trx.client, 'ticket_stage', STAGED_COLUMNS, stagedTickets)

  // One lock order for every batch (the ORDER BY): concurrent workers never deadlock on shared tickets.
  const { rows } = await sql<{
    source_ticket_id: string
    inserted: boolean
    opened_at: Date | null
    prior_opened_at: Date | null
  }>`
    insert into ticket as t (${sql.join(NAMES.map((name) => sql.ref(name)))},
      import_id, adapter_version)
    select ${FROM_STAGE}, ${file.importId}::bigint, ${file.adapterVersion}::text from ticket_stage s
    order by s.channel collate "C", s.source_ticket_id collate "C"
    on conflict (channel, source_ticket_id) do update
      set ${ASSIGNMENTS}, import_id = excluded.import_id,
          adapter_version = excluded.adapter_version, updated_at = now()
      where ${CHANGED}
    -- For updated rows only, opened_at as it was: the statement's snapshot still sees the old row.
    returning t.source_ticket_id, (t.xmax = 0) as inserted, t.opened_at,
      case when t.xmax <> 0 then (
        select p.opened_at from ticket p
        where p.channel = t.channel and p.source_ticket_id = t.source_ticket_id
      ) end as prior_opened_at
  `.execute(trx.db)

  const outcomes: TicketUpsertResult['outcomes'] = new Map()
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
