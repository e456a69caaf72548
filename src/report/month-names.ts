/** Month names as the report prints them. */
export const MONTH_NAMES = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const

/** The report's table headers (Agt, not Agu). */
export const MONTH_ABBREVIATIONS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'Mei',
  'Jun',
  'Jul',
  'Agt',
  'Sep',
  'Okt',
  'Nov',
  'Des',
] as const

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
