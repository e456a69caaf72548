import { MONTH_NAMES } from '../domain/indonesian-months.js'

export { MONTH_ABBREVIATIONS, MONTH_NAMES } from '../domain/indonesian-months.js'

/** '2021-12' → 'Desember 2021'. */
export function nameMonth(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`
}
