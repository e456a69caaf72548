import { MONTH_NAMES } from '../domain/indonesian-months.js'

export { MONTH_ABBREVIATIONS, MONTH_NAMES } from '../domain/indonesian-months.js'

/** '2021-12' → 'Desember 2021'. */
export function nameMonth(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`
}

/** The twelve 'YYYY-MM' months of a year. */
export function monthsOfYear(year: number): string[] {
  return MONTH_NAMES.map((_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
}

/** '2021-01' shifted by `delta` months: (-1) → '2020-12', (-12) → '2020-01'. */
export function shiftMonth(month: string, delta: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}
