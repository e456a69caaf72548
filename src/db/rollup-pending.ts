import { sql, type Transaction } from 'kysely'
import type { Db } from './connect.js'
import type { Database } from './schema.js'

/** Marks these WIB months (`YYYY-MM`) stale; call it in the transaction that changed them. */
export async function markMonthsPending(
  db: Db | Transaction<Database>,
  changed: readonly string[],
): Promise<string[]> {
  const months = [...new Set(changed)].sort()
  if (months.length === 0) return []
  await sql`
    insert into rollup_pending (month)
    select (m || '-01')::date from unnest(${months}::text[]) as m
    on conflict (month) do update set marked_at = now()
  `.execute(db)
  return months
}
