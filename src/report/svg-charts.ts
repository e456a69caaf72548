/**
 * Inline SVG charts for the publication: no scripts, fonts or files to fetch. Every axis has a
 * title and Indonesian numbers (1.600, 12.000), and every bar and point has its value written on
 * it, so a printed page says everything the screen does.
 */
import { formatCount } from './format-number.js'

export interface Series {
  name: string
  color: string
  values: readonly number[]
}

export interface ChartAxes {
  /** Title of the horizontal axis (e.g. "Bulan"). */
  x: string
  /** Title of the vertical axis (e.g. "Jumlah konsultasi"). */
  y: string
}

const WIDTH = 720
const HEIGHT = 320
const PAD = { top: 28, right: 16, bottom: 64, left: 76 }
const PLOT_W = WIDTH - PAD.left - PAD.right
const PLOT_H = HEIGHT - PAD.top - PAD.bottom

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/** A line chart with one line per series over shared x labels (the months). */
export function drawLineChart(
  labels: readonly string[],
  series: readonly Series[],
  title: string,
  axes: ChartAxes,
): string {
  const max = niceMax(series.flatMap((s) => s.values))
  const x = (i: number) =>
    PAD.left + (labels.length <= 1 ? PLOT_W / 2 : ((i + 0.5) * PLOT_W) / labels.length)
  const y = scaleY(max)
  const lines = series.map((s, j) => {
    const points = s.values.map((v, i) => `${fixed(x(i))},${fixed(y(v))}`).join(' ')
    // The first series writes its values below its points, the others above, so two lines apart
    // by a little keep their numbers apart.
    const dy = j === 0 && series.length > 1 ? 14 : -7
    const dots = s.values
      .map(
        (v, i) =>
          `<circle cx="${fixed(x(i))}" cy="${fixed(y(v))}" r="3" fill="${s.color}"/>` +
          drawValue(x(i), y(v) + dy, v, s.color),
      )
      .join('')
    return `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${points}"/>${dots}`
  })
  return frame(title, [
    ...drawGrid(max),
    ...lines,
    ...drawXLabels(labels, (i) => x(i)),
    ...drawAxisTitles(axes),
    drawLegend(series),
  ])
}

/** Vertical bars, one group per label and one bar per series in it (stacked when asked). */
export function drawBarChart(
  labels: readonly string[],
  series: readonly Series[],
  title: string,
  axes: ChartAxes,
  options: { stacked?: boolean } = {},
): string {
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0))
  const max = niceMax(options.stacked ? totals : series.flatMap((s) => s.values))
  const groupW = PLOT_W / Math.max(labels.length, 1)
  const barW = (groupW * 0.7) / (options.stacked ? 1 : Math.max(series.length, 1))
  const y = scaleY(max)
  const bars = labels.flatMap((_, i) => {
    let base = 0
    const parts = series.map((s, j) => {
      const value = s.values[i] ?? 0
      const left = PAD.left + i * groupW + groupW * 0.15 + (options.stacked ? 0 : j * barW)
      const top = y(base + value)
      const bottom = y(base)
      base += options.stacked ? value : 0
      const rect = `<rect x="${fixed(left)}" y="${fixed(top)}" width="${fixed(barW)}" height="${fixed(bottom - top)}" fill="${s.color}"/>`
      const label = options.stacked
        ? bottom - top >= 14
          ? drawValue(left + barW / 2, (top + bottom) / 2 + 4, value, '#fff')
          : ''
        : drawValue(left + barW / 2, top - 4, value, '#1d2733', barW < 24 ? 9 : 11)
      return rect + label
    })
    if (options.stacked && series.length > 1) {
      parts.push(drawValue(PAD.left + (i + 0.5) * groupW, y(totals[i]!) - 4, totals[i]!, '#1d2733'))
    }
    return parts
  })
  return frame(title, [
    ...drawGrid(max),
    ...bars,
    ...drawXLabels(labels, (i) => PAD.left + (i + 0.5) * groupW),
    ...drawAxisTitles(axes),
    drawLegend(series),
  ])
}

const fixed = (n: number) => n.toFixed(1)
const scaleY = (max: number) => (v: number) => PAD.top + PLOT_H - (v / max) * PLOT_H

function frame(title: string, parts: readonly string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(title)}" font-family="sans-serif" font-size="11"><title>${escapeHtml(title)}</title>${parts.join('')}</svg>`
}

function drawValue(x: number, y: number, value: number, color: string, size = 11): string {
  return `<text x="${fixed(x)}" y="${fixed(y)}" text-anchor="middle" fill="${color}" font-size="${size}">${formatCount(value)}</text>`
}

function drawGrid(max: number): string[] {
  const y = scaleY(max)
  return [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const v = max * f
    return `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${fixed(y(v))}" y2="${fixed(y(v))}" stroke="#ddd"/><text x="${PAD.left - 6}" y="${fixed(y(v) + 4)}" text-anchor="end">${formatCount(v)}</text>`
  })
}

function drawXLabels(labels: readonly string[], x: (i: number) => number): string[] {
  return labels.map(
    (l, i) =>
      `<text x="${fixed(x(i))}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle">${escapeHtml(l)}</text>`,
  )
}

function drawAxisTitles(axes: ChartAxes): string[] {
  const middleY = PAD.top + PLOT_H / 2
  return [
    `<text x="${PAD.left + PLOT_W / 2}" y="${HEIGHT - PAD.bottom + 34}" text-anchor="middle" font-weight="600">${escapeHtml(axes.x)}</text>`,
    `<text x="16" y="${middleY}" text-anchor="middle" font-weight="600" transform="rotate(-90 16 ${middleY})">${escapeHtml(axes.y)}</text>`,
  ]
}

function drawLegend(series: readonly Series[]): string {
  return series
    .map((s, i) => {
      const left = PAD.left + i * 160
      return `<rect x="${left}" y="${HEIGHT - 14}" width="10" height="10" fill="${s.color}"/><text x="${left + 14}" y="${HEIGHT - 5}">${escapeHtml(s.name)}</text>`
    })
    .join('')
}

/**
 * A round axis maximum at or above every value (with room for the value written on top), whose
 * quarters are whole numbers: 1.600 gives 400 steps.
 */
function niceMax(values: readonly number[]): number {
  const max = Math.max(4, ...values) * 1.08
  const power = 10 ** Math.floor(Math.log10(max))
  const step = [1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10].find((m) => m * power >= max) ?? 10
  return Math.max(4, Math.ceil((step * power) / 4) * 4)
}
