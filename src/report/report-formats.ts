/**
 * The formats `dering report` writes. Imports nothing, so that registering the command loads no
 * report code.
 */
export const REPORT_FORMATS = ['table', 'csv', 'json', 'html', 'xlsx', 'pdf'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** Formats written as bytes (src/report/render-report.ts), only to a file. */
const BINARY_REPORT_FORMATS = ['xlsx', 'pdf'] as const
export type TextReportFormat = Exclude<ReportFormat, (typeof BINARY_REPORT_FORMATS)[number]>
export const TEXT_REPORT_FORMATS = REPORT_FORMATS.filter(
  (f): f is TextReportFormat => !(BINARY_REPORT_FORMATS as readonly string[]).includes(f),
)
