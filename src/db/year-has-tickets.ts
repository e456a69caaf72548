import { wibMonthStart } from '../domain/wib-month.js'
import type { Db } from './connect.js'

/** Whether any ticket (or Email Lapor document) opened in the WIB year `year` is loaded. */
export async function yearHasTickets(db: Db, year: number): Promise<boolean> {
  const from = wibMonthStart(`${year}-01`)
  const to = wibMonthStart(`${year + 1}-01`)
  const ticket = await db
    .selectFrom('ticket')
    .select('source_ticket_id')
    .where('opened_at', '>=', from)
    .where('opened_at', '<', to)
    .limit(1)
    .executeTakeFirst()
  if (ticket) return true
  const document = await db
    .selectFrom('document')
    .select('message_id')
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .limit(1)
    .executeTakeFirst()
  return document !== undefined
}
