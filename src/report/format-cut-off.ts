import { MONTH_NAMES } from '../domain/indonesian-months.js'
import { WIB_OFFSET_MS } from '../domain/wib-month.js'

/** An instant as the publication's cut-off: '2021-12-31T16:59:00Z' → '31 Desember 2021 23.59 WIB'. */
function formatCutOff(iso: string): string {
  const wib = new Date(Date.parse(iso) + WIB_OFFSET_MS)
  const two = (n: number) => String(n).padStart(2, '0')
  const month = MONTH_NAMES[wib.getUTCMonth()] ?? ''
  return `${wib.getUTCDate()} ${month} ${wib.getUTCFullYear()} ${two(wib.getUTCHours())}.${two(wib.getUTCMinutes())} WIB`
}

/** The publication's source line, with the cut-off when the data has one. */
export function sourceLine(dataAsOf: string | null): string {
  return dataAsOf ? `Sumber: dering, data per ${formatCutOff(dataAsOf)}` : 'Sumber: dering'
}
