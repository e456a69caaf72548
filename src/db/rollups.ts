import { sql, type Transaction } from 'kysely'
import { TICKET_STATUSES, isConsultation } from '../domain/ticket-status.js'
import { isWibMonth, nextMonth, toWibMonth, wibMonthStart } from '../domain/wib-month.js'
import type { RollupPayload } from '../queue/catalog.js'
import type { Db } from './connect.js'
import type { Database } from './schema.js'

/** How many topics reporting.topic_month keeps per month × channel. */
export const TOP_TOPICS = 10

/** Serializes rollups (worker, CLI, scheduler): two rewrites of one month would collide on its keys. */
const ROLLUP_LOCK_KEY = 4_150_420

const NOT_CONSULTATION = TICKET_STATUSES.filter((status) => !isConsultation(status))

const ROLLUP_TABLES = [
  'reporting.channel_month',
  'reporting.segment_month',
  'reporting.topic_month',
  'reporting.document_month',
] as const

/** The months a rollup payload stands for, sorted; `now` decides what `recent` means. */
export async function monthsToRecompute(
  db: Db,
  payload: RollupPayload,
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
export async function listMonthsWithData(db: Db): Promise<string[]> {
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
 * transaction, so a rerun gives the same rows and readers never see half a month.
 */
export async function recomputeMonths(db: Db, months: readonly string[]): Promise<void> {
  const sorted = normalizeMonths(months)
  if (sorted.length === 0) return
  const bounds = {
    months: sorted.map((m) => `${m}-01`),
    starts: sorted.map((m) => wibMonthStart(m)),
    ends: sorted.map((m) => wibMonthStart(nextMonth(m))),
  }
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${ROLLUP_LOCK_KEY})`.execute(trx)
    await clearPending(trx, bounds.months)
    for (const table of ROLLUP_TABLES) {
      await trx.deleteFrom(table).where('month', 'in', bounds.months).execute()
    }
    await insertTicketMonths(trx, bounds)
    await insertDocumentMonths(trx, bounds)
  })
}

type Trx = Transaction<Database>

interface MonthBounds {
  months: string[]
  starts: Date[]
  ends: Date[]
}

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

/** The month table with its WIB bounds: opened_at >= start and < the next month's start. */
const monthsOf = (b: MonthBounds) => sql`
  unnest(${b.months}::date[], ${b.starts}::timestamptz[], ${b.ends}::timestamptz[])
    as m(month, starts_at, ends_at)`

/**
 * Tickets opened in the months, from one scan over the months' range of `ticket` (rows not yet
 * opened have a null opened_at and never match). The WIB month is computed from opened_at
 * (UTC+7, as wib-month.ts) rather than joined month by month: a join made one index scan per
 * month, each reading pages all over the table, where one scan reads each page once.
 */
const ticketsIn = (b: MonthBounds) => sql`
  select month, channel, status, segment, topic, is_consultation,
    case when is_consultation and first_response_at >= opened_at
      then extract(epoch from first_response_at - opened_at) end as response_seconds
  from (
    select date_trunc('month', t.opened_at at time zone 'UTC' + interval '7 hours')::date as month,
      t.channel, t.status, t.segment, t.topic, t.opened_at, t.first_response_at,
      t.status <> all(${NOT_CONSULTATION}::text[]) as is_consultation
    from ticket t
    where t.opened_at >= ${b.starts[0]} and t.opened_at < ${b.ends.at(-1)}
  ) t
  ${isContiguous(b) ? sql`` : sql`where month = any(${b.months}::date[])`}`

/**
 * Whether the months follow one another, so that their range is exactly them. Then the range
 * alone filters, and the planner estimates it well (a month filter on top made it guess a few
 * hundred rows and walk the index row by row instead of a bitmap or sequential scan).
 */
function isContiguous(b: MonthBounds): boolean {
  return b.starts.every((start, i) => i === 0 || start.getTime() === b.ends[i - 1]!.getTime())
}

/**
 * The three ticket rollups in one statement. The tickets are read twice: once hashed into a
 * small table of counts per month, channel, status, segment and topic (every rollup but the
 * median comes from it), and once for the median, which sorts the responded tickets only.
 * A first response before opening is a clock or merge artefact: it would make a negative time.
 * Topic ties rank by topic in byte order ("C"), so ranks do not depend on the server's locale.
 */
async function insertTicketMonths(trx: Trx, b: MonthBounds): Promise<void> {
  // Room to hash and sort a year of tickets in memory, for this transaction only.
  await sql`set local work_mem = '256MB'`.execute(trx)
  // The planner cannot tell that month × channel × status × segment × topic makes only a few
  // thousand groups, and would sort a year of tickets to group them: hash them. (The median
  // still sorts: an ordered-set aggregate has no other way.) JIT compiling this statement's many
  // expressions costs more than it saves at these sizes.
  await sql`set local enable_sort = off`.execute(trx)
  await sql`set local jit = off`.execute(trx)
  await sql`
    with g as materialized (
      select month, channel, status, segment, topic, is_consultation, count(*) as tickets,
        count(response_seconds) as responded, sum(response_seconds) as response_sum
      from (${ticketsIn(b)}) t
      group by month, channel, status, segment, topic, is_consultation
    ),
    medians as (
      select month, channel,
        round((percentile_cont(0.5) within group (order by response_seconds))::numeric, 1) as median
      from (${ticketsIn(b)}) t where response_seconds is not null
      group by month, channel
    ),
    channels as (
      insert into reporting.channel_month (month, channel, tickets, consultations, abandoned, spam,
        responded, first_response_median_seconds, first_response_mean_seconds)
      select c.month, c.channel, c.tickets, c.consultations, c.abandoned, c.spam, c.responded,
        m.median, round(c.response_sum / nullif(c.responded, 0), 1)
      from (
        select month, channel, sum(tickets) as tickets,
          coalesce(sum(tickets) filter (where is_consultation), 0) as consultations,
          coalesce(sum(tickets) filter (where status = 'abandoned'), 0) as abandoned,
          coalesce(sum(tickets) filter (where status = 'spam'), 0) as spam,
          sum(responded) as responded, sum(response_sum) as response_sum
        from g group by month, channel
      ) c
      left join medians m using (month, channel)
    ),
    segments as (
      insert into reporting.segment_month (month, segment, consultations)
      select month, coalesce(segment, 'lainnya'), sum(tickets)
      from g where is_consultation
      group by 1, 2
    ),
    counted as (
      select month, channel, topic, sum(tickets) as consultations,
        row_number() over (
          partition by month, channel order by sum(tickets) desc, topic collate "C"
        ) as rank
      from g where is_consultation and topic is not null
      group by month, channel, topic
    )
    insert into reporting.topic_month (month, channel, rank, topic, consultations)
    select month, channel, rank, topic, consultations from counted where rank <= ${TOP_TOPICS}
  `.execute(trx)
}

async function insertDocumentMonths(trx: Trx, b: MonthBounds): Promise<void> {
  await sql`
    insert into reporting.document_month (month, documents)
    select m.month, count(*)
    from ${monthsOf(b)}
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
