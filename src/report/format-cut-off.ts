import { MONTH_NAMES } from '../domain/indonesian-months.js'

const WIB_OFFSET_MS = 7 * 3600 * 1000

/** An instant as the publication's cut-off: '2021-12-31T16:59:00Z' → '31 Desember 2021 23.59 WIB'. */
export function formatCutOff(iso: string): string {
  const wib = new Date(Date.parse(iso) + WIB_OFFSET_MS)
  const two = (n: number) => String(n).padStart(2, '0')
  const month = MONTH_NAMES[wib.getUTCMonth()] ?? ''
  return `${wib.getUTCDate()} ${month} ${wib.getUTCFullYear()} ${two(wib.getUTCHours())}.${two(wib.getUTCMinutes())} WIB`
}
