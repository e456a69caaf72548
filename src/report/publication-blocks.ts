/** The pieces a publication chapter is made of; the HTML page numbers and lays them out. */
import type { ReportSection } from './report-sections.js'
import type { ChartAxes, Series } from './svg-charts.js'

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'highlight'; figure: string; caption: string }
  | { kind: 'list'; intro: string; items: readonly string[] }
  | { kind: 'figure'; title: string; chart: Chart }
  | { kind: 'table'; section: ReportSection }

/** A chart to draw, or nothing to draw when all of its values are 0 ("belum ada data"). */
export interface Chart {
  type: 'line' | 'bars' | 'stacked'
  labels: readonly string[]
  series: readonly Series[]
  axes: ChartAxes
}

export interface Chapter {
  id: string
  title: string
  subtitle: string
  blocks: Block[]
}

export const COLORS = {
  previous: '#9aa5b1',
  current: '#1f5fa8',
  whatsapp: '#25a35a',
  other: '#f0a030',
}
export const MONTH_AXES: ChartAxes = { x: 'Bulan', y: 'Jumlah konsultasi' }

/** True when a chart has something to show. */
export function chartHasData(chart: Chart): boolean {
  return chart.series.some((s) => s.values.some((v) => v !== 0))
}
