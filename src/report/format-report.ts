import { assertNever } from '../domain/assert-never.js'
import { formatReportCsv } from './format-csv.js'
import { formatReportHtml } from './format-html.js'
import { formatReportJson } from './format-json.js'
import { formatReportTable } from './format-table.js'
import type { PublicationOptions } from './publication-chapters.js'
import type { TextReportFormat } from './report-formats.js'
import type { Report } from './report.js'

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
