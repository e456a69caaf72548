import { assertNever } from '../domain/assert-never.js'
import { formatReportCsv } from './format-csv.js'
import { formatReportHtml } from './format-html.js'
import { formatReportJson } from './format-json.js'
import { formatReportTable } from './format-table.js'
import type { PublicationOptions } from './publication-chapters.js'
import type { Report } from './report.js'

export const REPORT_FORMATS = ['table', 'csv', 'json', 'html', 'xlsx', 'pdf'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]
/** Formats written as bytes (src/report/render-report.ts), only to a file. */
const BINARY_REPORT_FORMATS = ['xlsx', 'pdf'] as const
export type TextReportFormat = Exclude<ReportFormat, (typeof BINARY_REPORT_FORMATS)[number]>
export const TEXT_REPORT_FORMATS = REPORT_FORMATS.filter(
  (f): f is TextReportFormat => !(BINARY_REPORT_FORMATS as readonly string[]).includes(f),
)

export function formatReport(
  report: Report,
  format: TextReportFormat,
  options: PublicationOptions = {},
): string {
  switch (format) {
    case 'table':
      return formatReportTable(report)
    case 'csv':
      return formatReportCsv(report)
    case 'json':
      return formatReportJson(report)
    case 'html':
      return formatReportHtml(report, options)
    default:
      return assertNever(format)
  }
}
