import { sql, type Transaction } from 'kysely'
import { toWibMonth } from '../domain/wib-month.js'
import type { Db } from './connect.js'
import type { Database } from './schema.js'

/** Marks the WIB months of these instants stale; call it in the transaction that changed them. */
export async function markMonthsPending(
  db: Db | Transaction<Database>,
  instants: readonly Date[],
): Promise<string[]> {
  const months = [...new Set(instants.map(toWibMonth))].sort()
  if (months.length === 0) return []
  await sql`
    insert into rollup_pending (month)
    select (m || '-01')::date from unnest(${months}::text[]) as m
    on conflict (month) do update set marked_at = now()
  `.execute(db)
  return months
}
