import { assertNever } from '../domain/assert-never.js'
import { formatReportCsv } from './format-csv.js'
import { formatReportHtml } from './format-html.js'
import { formatReportJson } from './format-json.js'
import { formatReportTable } from './format-table.js'
import type { Report } from './report.js'

export const REPORT_FORMATS = ['table', 'csv', 'json', 'html'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value)
}

export function formatReport(report: Report, format: ReportFormat): string {
  switch (format) {
    case 'table':
      return formatReportTable(report)
    case 'csv':
      return formatReportCsv(report)
    case 'json':
      return formatReportJson(report)
    case 'html':
      return formatReportHtml(report)
    default:
      return assertNever(format)
  }
}
