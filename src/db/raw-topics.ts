import { sql } from 'kysely'
import { nextMonth, wibMonthStart } from '../domain/wib-month.js'
import type { Db } from './connect.js'
import { NOT_CONSULTATION } from './ticket-month-rollups.js'

/** Consultations with one raw topic and subject in one channel. */
export interface RawTopicTickets {
  channel: string
  topic: string
  subject: string | null
  consultations: number
}

/**
 * Consultations per channel, raw topic and subject, of the WIB months `from` to `to` (inclusive)
 * or of all months; tickets without a raw topic have no topic and are left out, as the rollup does.
 */
export async function selectRawTopics(
  db: Db,
  period?: { from: string; to: string },
): Promise<RawTopicTickets[]> {
  const range = period
    ? sql`and opened_at >= ${wibMonthStart(period.from)} and opened_at < ${wibMonthStart(nextMonth(period.to))}`
    : sql``
  const { rows } = await sql<RawTopicTickets>`
    select channel, topic, subject, count(*)::integer as consultations
    from ticket
    where topic is not null and opened_at is not null
      and status <> all(${NOT_CONSULTATION}::text[]) ${range}
    group by 1, 2, 3`.execute(db)
  return rows
}
