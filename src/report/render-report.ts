import { assertNever } from '../domain/assert-never.js'
import { formatReport } from './format-report.js'
import type { ReportFormat } from './report-formats.js'
import { formatReportXlsx } from './format-xlsx.js'
import type { PublicationOptions } from './publication-chapters.js'
import { printPdf } from './print-pdf.js'
import type { Report } from './report.js'

export interface RenderOptions extends PublicationOptions {
  /** The Chromium that prints `pdf`. */
  chromiumPath?: string
}

/** The report in any format: text formats as a string, xlsx and pdf as bytes. */
export async function renderReport(
  report: Report,
  format: ReportFormat,
  options: RenderOptions = {},
): Promise<string | Buffer> {
  switch (format) {
    case 'xlsx':
      return formatReportXlsx(report)
    case 'pdf':
      if (!options.chromiumPath) throw new Error('printing a PDF needs a Chromium')
      return printPdf(formatReport(report, 'html', options), options.chromiumPath)
    case 'table':
    case 'csv':
    case 'json':
    case 'html':
      return formatReport(report, format, options)
    default:
      return assertNever(format)
  }
}
