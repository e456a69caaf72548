/** Calendar months in Asia/Jakarta (WIB, UTC+7, no daylight saving): the report's months. */
/** WIB is UTC+7 all year (no daylight saving). */
export const WIB_OFFSET_MS = 7 * 3_600_000

export type WibMonth = `${number}-${string}`

/** 'YYYY-MM' of the WIB calendar month containing the instant. */
export function toWibMonth(instant: Date): WibMonth {
  return new Date(instant.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 7) as WibMonth
}

/** The instant a WIB month starts, e.g. '2021-12' → 2021-11-30T17:00:00Z. */
export function wibMonthStart(month: string): Date {
  const [year, mon] = parseMonth(month)
  return new Date(Date.UTC(year, mon - 1, 1) - WIB_OFFSET_MS)
}

/** '2021-01' shifted by `delta` months: (-1) → '2020-12', (-12) → '2020-01', (1) → '2021-02'. */
export function shiftMonth(month: string, delta: number): WibMonth {
  const [year, mon] = parseMonth(month)
  const index = year * 12 + mon - 1 + delta
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** The month after, '2021-12' → '2022-01'. */
export function nextMonth(month: string): WibMonth {
  return shiftMonth(month, 1)
}

/** The twelve 'YYYY-MM' months of a year. */
export function monthsOfYear(year: number): WibMonth[] {
  return Array.from({ length: 12 }, (_, i): WibMonth => `${year}-${String(i + 1).padStart(2, '0')}`)
}

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/

export function isWibMonth(text: string): text is WibMonth {
  return MONTH_PATTERN.test(text)
}

function parseMonth(month: string): [number, number] {
  if (!isWibMonth(month)) throw new RangeError(`not a month: ${month} (expected YYYY-MM)`)
  return [Number(month.slice(0, 4)), Number(month.slice(5, 7))]
}
