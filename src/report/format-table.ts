import { describeReport, reportTitle, type ReportSection } from './report-sections.js'
import type { Report } from './report.js'

/** The report as aligned plain text: one table per section, numbers right-aligned. */
export function formatReportTable(report: Report): string {
  const title = reportTitle(report)
  const blocks = describeReport(report).map(renderSection)
  return `${title}\n${'='.repeat(title.length)}\n\n${blocks.join('\n\n')}\n`
}

function renderSection(section: ReportSection): string {
  const lines = [section.title, '-'.repeat(section.title.length)]
  if (section.rows.length > 0) lines.push(...alignColumns(section))
  lines.push(...section.notes)
  return lines.join('\n')
}

function alignColumns({
  headers,
  rows,
  numeric,
}: Pick<ReportSection, 'headers' | 'rows' | 'numeric'>): string[] {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  )
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric.includes(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()
  return [render(headers), ...rows.map(render)]
}
