import { sql } from 'kysely'
import { CHANNEL_LABELS, CHANNELS } from '../domain/channel.js'
import { SEGMENT_LABELS, SEGMENTS } from '../domain/segment.js'
import type { Db } from './connect.js'

/** A row of a reporting lookup: a code, how the report names it and where it sorts. */
interface LookupRow {
  code: string
  label: string
  sortOrder: number
}

/** The lookups analysts join on, as the domain declares them: a new channel needs no migration. */
const LOOKUPS = [
  { table: 'channel', rows: lookupRows(CHANNELS, CHANNEL_LABELS) },
  { table: 'segment', rows: lookupRows(SEGMENTS, SEGMENT_LABELS) },
] as const

function lookupRows<C extends string>(
  codes: readonly C[],
  labels: Readonly<Record<C, string>>,
): LookupRow[] {
  return codes.map((code, index) => ({ code, label: labels[code], sortOrder: index + 1 }))
}

/**
 * Makes reporting.channel and reporting.segment say what the domain says (labels and sort order),
 * in one transaction; a table already in step is not written. Rows that differ go first and come
 * back whole, so a reordering never trips over the unique sort_order on the way.
 */
export async function syncLookups(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const { table, rows } of LOOKUPS) {
      const lookup = sql.table(`reporting.${table}`)
      const code = sql.ref(table)
      const wanted = sql.join(
        rows.map((row) => sql`(${row.code}::text, ${row.label}::text, ${row.sortOrder}::smallint)`),
      )
      const { rows: removed } = await sql<{ code: string }>`
        delete from ${lookup} l
        where (l.${code}, l.label, l.sort_order) not in (values ${wanted})
        returning l.${code} as code
      `.execute(trx)
      const { rows: added } = await sql<{ code: string }>`
        insert into ${lookup} (${code}, label, sort_order)
        select * from (values ${wanted}) w (code, label, sort_order)
        where not exists (select from ${lookup} l where l.${code} = w.code)
        returning ${code} as code
      `.execute(trx)
      if (removed.length + added.length > 0) await sql`analyze ${lookup}`.execute(trx)
    }
  })
}
