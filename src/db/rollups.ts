import { sql, type Transaction } from 'kysely'
import { DEFAULT_TOPIC_TAXONOMY, type TopicTaxonomy } from '../domain/topic-taxonomy.js'
import { isWibMonth, toWibMonth, wibMonthStart } from '../domain/wib-month.js'
import type { Db } from './connect.js'
import { monthBounds, monthsTable, type MonthBounds } from './month-bounds.js'
import type { Database } from './schema.js'
import { aggregateTicketMonths, insertTicketMonths } from './ticket-month-rollups.js'
import { rankTopicMonths } from './topic-month-rollups.js'

/** Which months a rollup rewrites: those listed, the current and previous one, or every month with data. */
export type RollupScope = { months: readonly string[] } | { recent: true } | { all: true }

/** Serializes rollups (worker, CLI, scheduler): two rewrites of one month would collide on its keys. */
const ROLLUP_LOCK_KEY = 4_150_420

const ROLLUP_TABLES = [
  'reporting.channel_month',
  'reporting.segment_month',
  'reporting.topic_month',
  'reporting.document_month',
] as const

/** The months a rollup payload stands for, sorted; `now` decides what `recent` means. */
export async function monthsToRecompute(
  db: Db,
  payload: RollupScope,
  now: Date,
): Promise<string[]> {
  if ('months' in payload) return normalizeMonths(payload.months)
  if ('recent' in payload) {
    const current = toWibMonth(now)
    return [toWibMonth(new Date(wibMonthStart(current).getTime() - 1)), current]
  }
  return listMonthsWithData(db)
}

/** Months ingestion marked stale and no rollup has recomputed since, oldest first. */
export async function listPendingMonths(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('rollup_pending')
    .select(sql<string>`to_char(month, 'YYYY-MM')`.as('month'))
    .orderBy('month')
    .execute()
  return rows.map((r) => r.month)
}

/**
 * Every month with facts, plus every month the reporting tables still hold, so that a month
 * whose facts are gone is cleared too.
 */
async function listMonthsWithData(db: Db): Promise<string[]> {
  const { rows } = await sql<{ month: string }>`
    select distinct to_char(opened_at at time zone 'Asia/Jakarta', 'YYYY-MM') as month
    from ticket where opened_at is not null
    union select to_char(received_at at time zone 'Asia/Jakarta', 'YYYY-MM') from document
    union select to_char(month, 'YYYY-MM') from reporting.channel_month
    union select to_char(month, 'YYYY-MM') from reporting.document_month
    order by 1
  `.execute(db)
  return rows.map((r) => r.month)
}

/**
 * Rewrites the reporting rows of whole WIB months from `ticket` and `document` in one
 * transaction, so a rerun gives the same rows and readers never see half a month. Topics are
 * mapped here, by `taxonomy`: a changed topic map takes effect on the next rollup of a month.
 */
export async function recomputeMonths(
  db: Db,
  months: readonly string[],
  taxonomy: TopicTaxonomy = DEFAULT_TOPIC_TAXONOMY,
): Promise<void> {
  const sorted = normalizeMonths(months)
  if (sorted.length === 0) return
  const bounds = monthBounds(sorted)
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${ROLLUP_LOCK_KEY})`.execute(trx)
    await clearPending(trx, bounds.months)
    // Hash tables of the size the ticket groups need (realistic exports make about one per
    // responded ticket), without raising work_mem, which would steer the planner from the
    // parallel scan of one month to a slower bitmap scan.
    await sql`set local hash_mem_multiplier = 64`.execute(trx)
    const ticketRows = await aggregateTicketMonths(trx, bounds)
    const topicRows = await rankTopicMonths(trx, bounds, ticketRows.rawTopics, taxonomy)
    for (const table of ROLLUP_TABLES) {
      await trx.deleteFrom(table).where('month', 'in', bounds.months).execute()
    }
    await insertTicketMonths(trx, ticketRows, topicRows)
    await insertDocumentMonths(trx, bounds)
  })
}

type Trx = Transaction<Database>

/**
 * Runs first, before the facts are read: under READ COMMITTED every later statement then sees
 * the facts of each mark it removes. A mark written by an ingest that started after this
 * transaction (marked_at is its transaction start) survives for the next rollup.
 */
async function clearPending(trx: Trx, months: string[]): Promise<void> {
  await sql`
    delete from rollup_pending
    where month = any(${months}::date[]) and marked_at <= transaction_timestamp()
  `.execute(trx)
}

async function insertDocumentMonths(trx: Trx, b: MonthBounds): Promise<void> {
  await sql`
    insert into reporting.document_month (month, documents)
    select m.month, count(*)
    from ${monthsTable(b)}
    join document d on d.received_at >= m.starts_at and d.received_at < m.ends_at
    group by m.month
  `.execute(trx)
}

function normalizeMonths(months: readonly string[]): string[] {
  for (const month of months) {
    if (!isWibMonth(month)) throw new RangeError(`not a month: ${month} (expected YYYY-MM)`)
  }
  return [...new Set(months)].sort()
}
