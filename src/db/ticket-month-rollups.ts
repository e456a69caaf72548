import { sql, type Transaction } from 'kysely'
import { TICKET_STATUSES, isConsultation } from '../domain/ticket-status.js'
import { isContiguous, type MonthBounds } from './month-bounds.js'
import type { Database } from './schema.js'

export const NOT_CONSULTATION = TICKET_STATUSES.filter((status) => !isConsultation(status))

type Trx = Transaction<Database>

/**
 * The rows of reporting.channel_month and segment_month for some months, each set as a JSON
 * array of objects keyed by the table's columns, kept as text so that no number passes through
 * JavaScript; and the consultations per month, channel and raw topic, which the topic taxonomy
 * maps and ranks into reporting.topic_month (topic-month-rollups.ts).
 */
export interface TicketMonthRows {
  channels: string
  segments: string
  rawTopics: RawTopicCount[]
}

export interface RawTopicCount {
  /** 'YYYY-MM-DD', the month's first day. */
  month: string
  channel: string
  topic: string
  consultations: number
}

/**
 * The WIB month of `t.opened_at` (UTC+7, as wib-month.ts), written exactly as in the statistics
 * object `ticket_rollup_keys` (db/migrations), which is how the planner knows this key's groups.
 */
export const WIB_MONTH = sql`date_trunc('month', (t.opened_at at time zone 'UTC') + interval '7 hours')`

/**
 * Tickets opened in the months, counted per month, channel, status, segment, topic and
 * first-response time, in one scan of the months' range of `ticket` (rows not yet opened have a
 * null opened_at and never match). Every rollup comes from these counts, the median response
 * time included: the counts per response time are its frequency table. A scan that hashes, so
 * Postgres can split it over parallel workers, which an ordered-set aggregate such as
 * percentile_cont (a sort of every responded ticket) never is. Real exports make about one group
 * per responded ticket, far more than the bench's generated facts: docs/benchmarks.md measures
 * both.
 */
const ticketGroups = (b: MonthBounds) => sql`
  select ${WIB_MONTH} as month, t.channel, t.status, t.segment, t.topic,
    t.first_response_at - t.opened_at as response, count(*)::integer as tickets
  from ticket t
  where ${ticketsOfMonths(b)}
  group by 1, 2, 3, 4, 5, 6`

/** The condition on `ticket t` that keeps the tickets opened in the months. */
export const ticketsOfMonths = (b: MonthBounds) => sql`
  t.opened_at >= ${b.starts[0]} and t.opened_at < ${b.ends.at(-1)}
    ${isContiguous(b) ? sql`` : sql`and ${WIB_MONTH} = any(${b.months}::timestamp[])`}`

/**
 * Reads the ticket rollups of the months. Only reads: Postgres runs no statement that writes
 * in parallel, so the caller writes the rows (`insertTicketMonths`) in a statement of its own.
 *
 * The median is exactly percentile_cont(0.5) over the responded consultations' times in
 * seconds: from the cumulative counts in time order it takes the values at the positions
 * floor((n - 1) / 2) and ceil((n - 1) / 2), counting from 0, and interpolates between them
 * in float8 as percentile_cont does (lower + 0.5 × (upper − lower)). A first response before
 * opening is a clock or merge artefact: it would make a negative time, so it is left out of
 * the times (the ticket still counts).
 */
export async function aggregateTicketMonths(trx: Trx, b: MonthBounds): Promise<TicketMonthRows> {
  const { rows } = await sql<TicketMonthRows>`
    with g as materialized (${ticketGroups(b)}),
    consultations as not materialized (
      select month, channel, segment, topic, response, tickets
      from g where status <> all(${NOT_CONSULTATION}::text[])
    ),
    responses as (
      select month, channel, response, sum(tickets)::integer as tickets
      from consultations where response >= interval '0'
      group by month, channel, response
    ),
    ranked as (
      select month, channel, response, tickets,
        sum(tickets) over (partition by month, channel order by response) as through,
        sum(tickets) over (partition by month, channel) as responded
      from responses
    ),
    -- Positions floor((n - 1) / 2) and ceil((n - 1) / 2) are (n - 1) / 2 and n / 2 in integers.
    times as (
      select month, channel, max(responded) as responded,
        sum(tickets * extract(epoch from response)) as response_sum,
        extract(epoch from min(response) filter (where through > (responded - 1) / 2))
          as lower_middle,
        extract(epoch from min(response) filter (where through > responded / 2)) as upper_middle
      from ranked group by month, channel
    ),
    channel_rows as (
      select c.month::date as month, c.channel, c.tickets, c.consultations, c.abandoned, c.spam,
        coalesce(t.responded, 0) as responded,
        round((t.lower_middle::float8
          + 0.5::float8 * (t.upper_middle::float8 - t.lower_middle::float8))::numeric, 1)
          as first_response_median_seconds,
        round(t.response_sum / t.responded, 1) as first_response_mean_seconds
      from (
        select month, channel, sum(tickets) as tickets,
          coalesce(sum(tickets) filter (where status <> all(${NOT_CONSULTATION}::text[])), 0)
            as consultations,
          coalesce(sum(tickets) filter (where status = 'abandoned'), 0) as abandoned,
          coalesce(sum(tickets) filter (where status = 'spam'), 0) as spam
        from g group by month, channel
      ) c
      left join times t using (month, channel)
    ),
    segment_rows as (
      select month::date as month, coalesce(segment, 'lainnya') as segment,
        sum(tickets) as consultations
      from consultations group by 1, 2
    ),
    topic_rows as (
      select month::date as month, channel, topic, sum(tickets)::integer as consultations
      from consultations where topic is not null
      group by month, channel, topic
    )
    select
      (select coalesce(json_agg(r), '[]') from channel_rows r)::text as channels,
      (select coalesce(json_agg(r), '[]') from segment_rows r)::text as segments,
      (select coalesce(json_agg(r), '[]') from topic_rows r) as "rawTopics"
  `.execute(trx)
  return rows[0]!
}

/**
 * Writes rows read by `aggregateTicketMonths`, with the ranked topics (a JSON array keyed by
 * reporting.topic_month's columns); the months' old rows must be gone.
 */
export async function insertTicketMonths(
  trx: Trx,
  rows: Pick<TicketMonthRows, 'channels' | 'segments'>,
  topics: string,
): Promise<void> {
  await sql`
    with channels as (
      insert into reporting.channel_month
      select * from json_populate_recordset(null::reporting.channel_month, ${rows.channels}::json)
    ),
    segments as (
      insert into reporting.segment_month
      select * from json_populate_recordset(null::reporting.segment_month, ${rows.segments}::json)
    )
    insert into reporting.topic_month
    select * from json_populate_recordset(null::reporting.topic_month, ${topics}::json)
  `.execute(trx)
}
