import { escapeControl } from '../domain/escape-control.js'
import { sourceLine } from './format-cut-off.js'
import { nameMonth } from './month-names.js'
import { buildChapters, type PublicationOptions } from './publication-chapters.js'
import { chartHasData, type Block, type Chapter, type Chart } from './publication-blocks.js'
import { PUBLICATION_STYLE } from './publication-style.js'
import type { Report } from './report.js'
import { publicationTitle, type ReportSection } from './report-sections.js'
import { drawBarChart, drawLineChart, escapeHtml } from './svg-charts.js'

/** Text from the data (topics) may hold control characters: shown escaped, then HTML-escaped. */
const text = (value: string) => escapeHtml(escapeControl(value))

/**
 * The publication's consultation chapters as one self-contained page (inline CSS and SVG,
 * nothing fetched): numbered figures and tables, each with its source line, A4 in print.
 */
export function formatReportHtml(report: Report, options: PublicationOptions = {}): string {
  const title = publicationTitle(report.year)
  const source = sourceLine(report.dataAsOf)
  const numbers = { figure: 0, table: 0 }
  const renderBlock = (block: Block): string => {
    switch (block.kind) {
      case 'paragraph':
        return `<p>${text(block.text)}</p>`
      case 'highlight':
        return `<div class="highlight"><strong>${text(block.figure)}</strong>${text(block.caption)}</div>`
      case 'list':
        return `<p>${text(block.intro)}</p><ul>${block.items.map((i) => `<li>${text(i)}</li>`).join('')}</ul>`
      case 'figure':
        numbers.figure += 1
        return renderFigure(`Gambar ${numbers.figure}. ${block.title}`, block.chart, source)
      case 'table':
        numbers.table += 1
        return renderTable(`Tabel ${numbers.table}. ${block.section.title}`, block.section, source)
    }
  }
  const chapters = buildChapters(report, options).map((chapter: Chapter) =>
    [
      `<section class="chapter" id="${chapter.id}">`,
      `<h2>${text(chapter.title)}</h2><p class="subtitle">${text(chapter.subtitle)}</p>`,
      ...chapter.blocks.map(renderBlock),
      '</section>',
    ].join('\n'),
  )
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(title)}</title>
<style>${PUBLICATION_STYLE}</style>
</head>
<body>
<header class="cover"><h1>${text(title)}</h1><p>Layanan konsultasi Contact Center DJPK, bulan ${text(nameMonth(report.month))} (WIB)</p><p>${text(source)}</p></header>
${chapters.join('\n')}
</body>
</html>
`
}

function renderFigure(caption: string, chart: Chart, source: string): string {
  const body = chartHasData(chart)
    ? drawChart(caption, chart)
    : `<div class="no-data">Belum ada data</div>`
  return `<figure><figcaption>${text(caption)}</figcaption>${body}<p class="source">${text(source)}</p></figure>`
}

function drawChart(caption: string, chart: Chart): string {
  switch (chart.type) {
    case 'line':
      return drawLineChart(chart.labels, chart.series, caption, chart.axes)
    case 'bars':
      return drawBarChart(chart.labels, chart.series, caption, chart.axes)
    case 'stacked':
      return drawBarChart(chart.labels, chart.series, caption, chart.axes, { stacked: true })
  }
}

function renderTable(caption: string, section: ReportSection, source: string): string {
  const cell = (tag: 'th' | 'td', value: string, i: number) =>
    `<${tag}${section.numeric.includes(i) ? ' class="n"' : ''}>${escapeHtml(value)}</${tag}>`
  const head = `<tr>${section.headers.map((h, i) => cell('th', h, i)).join('')}</tr>`
  const body = section.rows.map((row, r) => {
    const total = section.totalLast && r === section.rows.length - 1 ? ' class="total"' : ''
    return `<tr${total}>${row.map((c, i) => cell('td', c, i)).join('')}</tr>`
  })
  const table =
    section.rows.length > 0
      ? `<table><thead>${head}</thead><tbody>${body.join('')}</tbody></table>`
      : '<div class="no-data">Belum ada data</div>'
  const notes = section.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('')
  return `<div class="table"><p class="table-title">${text(caption)}</p>${table}${notes}<p class="source">${text(source)}</p></div>`
}
