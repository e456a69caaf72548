import { CHANNELS, CHANNEL_LABELS } from '../domain/channel.js'
import { MONTH_ABBREVIATIONS, nameMonth } from './month-names.js'
import type { Report } from './report.js'
import { describeReport, reportTitle, type ReportSection } from './report-sections.js'
import { drawBarChart, drawLineChart, escapeHtml } from './svg-charts.js'

const COLORS = { previous: '#9aa5b1', current: '#1f5fa8', whatsapp: '#25a35a', other: '#f0a030' }

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1d2733; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2.2rem; border-bottom: 1px solid #ccd; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0; }
th, td { padding: 0.25rem 0.5rem; border-bottom: 1px solid #e4e7eb; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; }
figure { margin: 1.5rem 0; } figcaption { font-weight: 600; } svg { width: 100%; height: auto; }
p.note { color: #52606d; font-size: 0.85rem; }
`

/** One self-contained page: inline CSS and SVG charts, nothing fetched from elsewhere. */
export function formatReportHtml(report: Report): string {
  const title = reportTitle(report)
  const sections = describeReport(report).map(renderSection)
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${drawCharts(report)
  .map(
    ({ title: caption, svg }) =>
      `<figure><figcaption>${escapeHtml(caption)}</figcaption>${svg}</figure>`,
  )
  .join('\n')}
${sections.join('\n')}
</body>
</html>
`
}

function drawCharts(report: Report): { title: string; svg: string }[] {
  const [previous, current] = report.years
  const b = report.breakdown
  const monthly = `Tiket konsultasi per bulan, ${previous.year}–${current.year}`
  const channels = `Konsultasi per kanal, ${b.previousMonthLabel} dan ${nameMonth(b.month)}`
  const whatsapp = 'Tiket konsultasi WA dan non-WA per tahun'
  return [
    {
      title: monthly,
      svg: drawLineChart(
        MONTH_ABBREVIATIONS,
        [
          { name: String(previous.year), color: COLORS.previous, values: previous.monthly },
          { name: String(current.year), color: COLORS.current, values: current.monthly },
        ],
        monthly,
      ),
    },
    {
      title: channels,
      svg: drawBarChart(
        CHANNELS.map((c) => CHANNEL_LABELS[c]),
        [
          {
            name: b.previousMonthLabel,
            color: COLORS.previous,
            values: b.channels.map((c) => c.previousMonth),
          },
          {
            name: nameMonth(b.month),
            color: COLORS.current,
            values: b.channels.map((c) => c.consultations),
          },
        ],
        channels,
      ),
    },
    {
      title: whatsapp,
      svg: drawBarChart(
        report.years.map((y) => String(y.year)),
        [
          { name: 'WA', color: COLORS.whatsapp, values: report.years.map((y) => y.whatsapp) },
          { name: 'Non WA', color: COLORS.other, values: report.years.map((y) => y.other) },
        ],
        whatsapp,
        { stacked: true },
      ),
    },
  ]
}

function renderSection(section: ReportSection): string {
  const cell = (tag: 'th' | 'td', text: string, i: number) =>
    `<${tag}${section.numeric.includes(i) ? ' class="n"' : ''}>${escapeHtml(text)}</${tag}>`
  const head = `<tr>${section.headers.map((h, i) => cell('th', h, i)).join('')}</tr>`
  const body = section.rows.map((row, r) => {
    const total = section.totalLast && r === section.rows.length - 1 ? ' class="total"' : ''
    return `<tr${total}>${row.map((c, i) => cell('td', c, i)).join('')}</tr>`
  })
  const table =
    section.rows.length > 0
      ? `<table><thead>${head}</thead><tbody>${body.join('')}</tbody></table>`
      : ''
  const notes = section.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('')
  return `<section><h2>${escapeHtml(section.title)}</h2>${table}${notes}</section>`
}
