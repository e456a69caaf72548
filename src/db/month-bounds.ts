import { sql, type RawBuilder } from 'kysely'
import { nextMonth, wibMonthStart } from '../domain/wib-month.js'

/** Sorted WIB months with the instants they start and end (the next month's start). */
export interface MonthBounds {
  months: string[]
  starts: Date[]
  ends: Date[]
}

/** The bounds of sorted, distinct 'YYYY-MM' months; `months` holds their first days. */
export function monthBounds(sorted: readonly string[]): MonthBounds {
  return {
    months: sorted.map((m) => `${m}-01`),
    starts: sorted.map((m) => wibMonthStart(m)),
    ends: sorted.map((m) => wibMonthStart(nextMonth(m))),
  }
}

/** The month table with its WIB bounds: an instant is in it when >= starts_at and < ends_at. */
export const monthsTable = (b: MonthBounds) => sql`
  unnest(${b.months}::date[], ${b.starts}::timestamptz[], ${b.ends}::timestamptz[])
    as m(month, starts_at, ends_at)`

/**
 * Whether the months follow one another, so that their range is exactly them. Then the range
 * alone filters, and the planner estimates it well (a month filter on top made it guess a few
 * hundred rows and walk the index row by row instead of a bitmap or sequential scan).
 */
export function isContiguous(b: MonthBounds): boolean {
  return b.starts.every((start, i) => i === 0 || start.getTime() === b.ends[i - 1]!.getTime())
}

/**
 * The distinct `YYYY-MM` WIB months (UTC+7 all year, as toWibMonth) of a timestamptz column of
 * `rows`, as a JSON array: truncated first, formatted once each (to_char on every row was about
 * half of what a batch's upsert spent on its answer).
 */
export const wibMonthsJson = (instant: RawBuilder<unknown>, rows: RawBuilder<unknown>) => sql`
  (select coalesce(json_agg(to_char(month, 'YYYY-MM') order by month), '[]')::text
    from (select distinct date_trunc('month', (${instant} at time zone 'UTC') + interval '7 hours')
      as month from ${rows}) as months)`
