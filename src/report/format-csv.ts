import { CHANNELS } from '../domain/channel.js'
import { SEGMENTS } from '../domain/segment.js'
import { monthsOfYear } from '../domain/wib-month.js'
import type { Report } from './report.js'

/** One observation per line (docs/reporting.md, "CSV"); empty cells where a column does not apply. */
const CSV_COLUMNS = [
  'table',
  'period',
  'channel',
  'segment',
  'rank',
  'topic',
  'metric',
  'value',
] as const

type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | null>>

/** The report in long ("tidy") form: filter it in a spreadsheet or load it as a data frame. */
export function formatReportCsv(report: Report): string {
  const lines = [CSV_COLUMNS.join(','), ...listRows(report).map(renderRow)]
  return `${lines.join('\n')}\n`
}

function listRows(report: Report): CsvRow[] {
  const rows: CsvRow[] = []
  for (const counts of report.byChannel) {
    rows.push({
      table: 'consultations',
      period: counts.month,
      metric: 'consultations',
      value: counts.total,
    })
    for (const channel of CHANNELS) {
      rows.push({
        table: 'consultations',
        period: counts.month,
        channel,
        metric: 'consultations',
        value: counts.channels[channel],
      })
    }
  }
  for (const y of report.years) {
    const period = String(y.year)
    rows.push(
      { table: 'year', period, metric: 'consultations', value: y.total },
      { table: 'year', period, channel: 'whatsapp', metric: 'consultations', value: y.whatsapp },
      {
        table: 'year',
        period,
        channel: 'whatsapp',
        metric: 'share_pct',
        value: y.whatsappSharePct,
      },
      { table: 'year', period, channel: 'other', metric: 'consultations', value: y.other },
      { table: 'year', period, channel: 'other', metric: 'share_pct', value: y.otherSharePct },
      { table: 'year', period, metric: 'documents', value: y.documentsTotal },
    )
  }
  rows.push({
    table: 'year',
    period: String(report.year),
    metric: 'change_vs_previous_year_pct',
    value: report.yearlyGrowthPct,
  })
  const b = report.breakdown
  for (const item of [...b.channels, { ...b, channel: null, sharePct: null, abandoned: null }]) {
    const base = { table: 'month_breakdown', period: b.month, channel: item.channel }
    rows.push(
      { ...base, metric: 'consultations', value: item.consultations },
      { ...base, metric: 'share_pct', value: item.sharePct },
      { ...base, metric: 'previous_month_consultations', value: item.previousMonth },
      { ...base, metric: 'change_vs_previous_month_pct', value: item.changeVsPreviousMonthPct },
      { ...base, metric: 'same_month_last_year_consultations', value: item.sameMonthLastYear },
      {
        ...base,
        metric: 'change_vs_same_month_last_year_pct',
        value: item.changeVsSameMonthLastYearPct,
      },
    )
    if (item.channel !== null) rows.push({ ...base, metric: 'abandoned', value: item.abandoned })
  }
  for (const c of b.channels) {
    const base = { table: 'month_breakdown', period: b.month, channel: c.channel }
    rows.push(
      { ...base, metric: 'first_response_median_seconds', value: c.firstResponseMedianSeconds },
      { ...base, metric: 'first_response_mean_seconds', value: c.firstResponseMeanSeconds },
    )
  }
  for (const counts of report.segments) {
    for (const segment of SEGMENTS) {
      rows.push({
        table: 'segments',
        period: counts.month,
        segment,
        metric: 'consultations',
        value: counts.segments[segment],
      })
    }
  }
  for (const channel of CHANNELS) {
    for (const t of report.topTopics[channel]) {
      rows.push({
        table: 'top_topics',
        period: report.month,
        channel,
        rank: t.rank,
        topic: t.topic,
        metric: 'consultations',
        value: t.consultations,
      })
    }
  }
  for (const y of report.years) {
    const months = monthsOfYear(y.year)
    y.documentsMonthly.forEach((documents, i) => {
      rows.push({ table: 'email_lapor', period: months[i]!, metric: 'documents', value: documents })
    })
  }
  return rows
}

function renderRow(row: CsvRow): string {
  return CSV_COLUMNS.map((column) => quote(row[column])).join(',')
}

/**
 * RFC 4180: quote a cell holding a comma, quote or line break; a null is an empty cell. A text
 * cell a spreadsheet would take for a formula (OWASP "CSV injection": `=`, `+`, `-`, `@`, tab,
 * CR) gets a leading `'`; numbers, negative ones included, stay numbers.
 */
export function quote(value: string | number | null | undefined): string {
  if (value == null) return ''
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}
