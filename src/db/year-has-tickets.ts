import { sql } from 'kysely'
import { wibMonthStart } from '../domain/wib-month.js'
import type { Db } from './connect.js'

/** Whether any ticket (or Email Lapor document) opened in the WIB year `year` is loaded. */
export async function yearHasTickets(db: Db, year: number): Promise<boolean> {
  const from = wibMonthStart(`${year}-01`)
  const to = wibMonthStart(`${year + 1}-01`)
  const { rows } = await sql<{ found: boolean }>`
    select exists (select 1 from ticket where opened_at >= ${from} and opened_at < ${to})
        or exists (select 1 from document where received_at >= ${from} and received_at < ${to})
        as found`.execute(db)
  return rows[0]!.found
}
