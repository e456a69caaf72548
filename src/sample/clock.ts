import type { Prng } from './prng.js'

/** A wall-clock reading of an instant at a fixed offset (WIB has no daylight saving). */
export interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  /** 0 = Sunday. */
  weekday: number
}

const HOUR_MS = 3_600_000
export const MINUTE_MS = 60_000
export const WIB_HOURS = 7

export function wallClock(instant: Date, offsetHours: number = WIB_HOURS): WallClock {
  const shifted = new Date(instant.getTime() + offsetHours * HOUR_MS)
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    weekday: shifted.getUTCDay(),
  }
}

/** The instant of a WIB wall-clock time in a `YYYY-MM` month (day 0 or hour 24 roll over). */
export function wibTime(month: string, day: number, hour: number, minute = 0, second = 0): Date {
  const [year, mon] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))]
  return new Date(Date.UTC(year, mon - 1, day, hour - WIB_HOURS, minute, second))
}

export function daysInMonth(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate()
}

export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * MINUTE_MS)
}

/** Hours of the day weighted like a help desk's traffic: a morning peak, a lunch dip. */
const OFFICE_HOURS: readonly (readonly [number, number])[] = [
  [8, 7],
  [9, 12],
  [10, 14],
  [11, 12],
  [12, 6],
  [13, 10],
  [14, 12],
  [15, 10],
  [16, 7],
]
const OFF_HOURS: readonly (readonly [number, number])[] = [
  [6, 1],
  [7, 3],
  [17, 4],
  [18, 3],
  [19, 3],
  [20, 3],
  [21, 2],
  [22, 1],
]

/**
 * A time when someone contacts DJPK: Monday to Friday 08:00–17:00 WIB mostly, now and then in
 * the evening or on a weekend. `days` narrows the choice to some days of the month.
 */
export function pickContactTime(prng: Prng, month: string, days?: readonly number[]): Date {
  const candidates = days ?? Array.from({ length: daysInMonth(month) }, (_, i) => i + 1)
  const day = prng.weighted(candidates.map((d) => [d, isWeekend(month, d) ? 0.07 : 1] as const))
  const hour = prng.chance(0.9) ? prng.weighted(OFFICE_HOURS) : prng.weighted(OFF_HOURS)
  return wibTime(month, day, hour, prng.int(0, 59), prng.int(0, 59))
}

/**
 * A reply `min`–`max` minutes after `from`; a reply that would fall outside office hours is
 * moved to the next working morning, as agents work office hours.
 */
export function pickReplyTime(prng: Prng, from: Date, min: number, max: number): Date {
  let reply = addMinutes(from, prng.int(min, max))
  for (let guard = 0; guard < 7 && !isOfficeHour(reply); guard += 1) {
    const clock = wallClock(reply)
    const month = `${clock.year}-${String(clock.month).padStart(2, '0')}`
    const day = clock.hour < 8 ? clock.day : clock.day + 1
    reply = wibTime(month, day, 8, prng.int(0, 50), prng.int(0, 59))
  }
  return reply
}

/** The night of a month's 1st (00:00–05:59 WIB, still the day before in UTC), or its last evening. */
export type MonthEdge = 'first day' | 'last day'

export function pickEdgeTime(prng: Prng, month: string, edge: MonthEdge): Date {
  const [day, hour] =
    edge === 'first day' ? [1, prng.int(0, 5)] : [daysInMonth(month), prng.int(19, 23)]
  return wibTime(month, day, hour, prng.int(0, 59), prng.int(0, 59))
}

function isOfficeHour(instant: Date): boolean {
  const { hour, weekday } = wallClock(instant)
  return weekday !== 0 && weekday !== 6 && hour >= 8 && hour < 17
}

function isWeekend(month: string, day: number): boolean {
  const weekday = wibTime(month, day, 12).getUTCDay()
  return weekday === 0 || weekday === 6
}
