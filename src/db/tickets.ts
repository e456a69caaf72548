import { sql } from 'kysely'
import type { ClientTransaction } from './connect.js'
import { copyRows } from './copy-rows.js'
import { wibMonthsJson } from './month-bounds.js'
import type { ImportedFile } from './imports.js'
import {
  DESCRIPTIVE_COLUMNS,
  incomingWins,
  MERGED_FACTS,
  STAGE_DEFINITION,
  STAGED_COLUMNS,
  TICKET_COLUMNS,
} from './ticket-columns.js'

export interface TicketUpsertResult {
  /** The sourceTicketIds the batch inserted or updated; the others are unchanged. */
  outcomes: Map<string, 'inserted' | 'updated'>
  /** The WIB months whose tickets changed: of opened_at after and (if it moved) before. */
  months: string[]
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
 * Upserts one batch of tickets, given as staged COPY text (stagedTicketRows: one row per id,
 * a ticket's records merged first): COPY into a session-local staging table (emptied at
 * commit), then one INSERT … ON CONFLICT from it. A row is rewritten only when a merged value
 * changes, so a re-ingested file reports every ticket as unchanged and leaves updated_at alone.
 */
export async function upsertTickets(
  trx: ClientTransaction,
  file: Pick<ImportedFile, 'importId' | 'adapterVersion'>,
  stagedTickets: Uint8Array,
): Promise<TicketUpsertResult> {
  if (stagedTickets.byteLength === 0) return { outcomes: new Map(), months: [] }
  // The staged columns take their types from `ticket` itself, instants as numbers.
  await trx.client.query(`
    create temporary table if not exists ticket_stage on commit delete rows as
    select ${STAGE_DEFINITION} from ticket with no data`)
  await copyRows(trx.client, 'ticket_stage', STAGED_COLUMNS, stagedTickets)

  // One lock order for every batch (the ORDER BY): concurrent workers never deadlock on shared
  // tickets. What was written comes back as one row of JSON arrays, not a row per ticket.
  const { rows } = await sql<{ inserted: string; updated: string; months: string }>`
    with written as (
      insert into ticket as t (${sql.join(NAMES.map((name) => sql.ref(name)))},
        import_id, adapter_version)
      select ${FROM_STAGE}, ${file.importId}::bigint, ${file.adapterVersion}::text
      from ticket_stage s
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
    )
    select
      coalesce(json_agg(source_ticket_id) filter (where inserted), '[]')::text as inserted,
      coalesce(json_agg(source_ticket_id) filter (where not inserted), '[]')::text as updated,
      ${wibMonthsJson(
        sql.ref('at'),
        sql`written, lateral (values (opened_at), (prior_opened_at)) as v(at) where at is not null`,
      )} as months
    from written
  `.execute(trx.db)

  const [written] = rows
  const outcomes: TicketUpsertResult['outcomes'] = new Map()
  for (const id of JSON.parse(written?.inserted ?? '[]') as string[]) outcomes.set(id, 'inserted')
  for (const id of JSON.parse(written?.updated ?? '[]') as string[]) outcomes.set(id, 'updated')
  return { outcomes, months: JSON.parse(written?.months ?? '[]') as string[] }
}
