/** Small inline SVG charts for the HTML page: no scripts, no fonts or files to fetch. */

export interface Series {
  name: string
  color: string
  values: readonly number[]
}

const WIDTH = 720
const PAD = { top: 24, right: 16, bottom: 48, left: 56 }

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/** A line chart with one line per series over shared x labels (the months). */
export function drawLineChart(
  labels: readonly string[],
  series: readonly Series[],
  title: string,
): string {
  const height = 300
  const max = niceMax(series.flatMap((s) => s.values))
  const plotW = WIDTH - PAD.left - PAD.right
  const plotH = height - PAD.top - PAD.bottom
  const x = (i: number) =>
    PAD.left + (labels.length <= 1 ? plotW / 2 : (i * plotW) / (labels.length - 1))
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH
  const lines = series.map((s) => {
    const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')
    const dots = s.values
      .map(
        (v, i) =>
          `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${s.color}"><title>${escapeHtml(`${s.name} ${labels[i] ?? ''}: ${v}`)}</title></circle>`,
      )
      .join('')
    return `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${points}"/>${dots}`
  })
  const xLabels = labels.map(
    (l, i) =>
      `<text x="${x(i).toFixed(1)}" y="${height - PAD.bottom + 18}" text-anchor="middle">${escapeHtml(l)}</text>`,
  )
  return frame(height, title, [
    ...drawGrid(max, y),
    ...lines,
    ...xLabels,
    drawLegend(series, height),
  ])
}

/** Vertical bars, one group per label and one bar per series in it (stacked when asked). */
export function drawBarChart(
  labels: readonly string[],
  series: readonly Series[],
  title: string,
  options: { stacked?: boolean } = {},
): string {
  const height = 300
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0))
  const max = niceMax(options.stacked ? totals : series.flatMap((s) => s.values))
  const plotW = WIDTH - PAD.left - PAD.right
  const plotH = height - PAD.top - PAD.bottom
  const groupW = plotW / Math.max(labels.length, 1)
  const barW = (groupW * 0.7) / (options.stacked ? 1 : Math.max(series.length, 1))
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH
  const bars = labels.flatMap((label, i) => {
    let stackedBase = 0
    return series.map((s, j) => {
      const value = s.values[i] ?? 0
      const left = PAD.left + i * groupW + groupW * 0.15 + (options.stacked ? 0 : j * barW)
      const top = y(stackedBase + value)
      const bottom = y(stackedBase)
      if (options.stacked) stackedBase += value
      return `<rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${barW.toFixed(1)}" height="${(bottom - top).toFixed(1)}" fill="${s.color}"><title>${escapeHtml(`${s.name} ${label}: ${value}`)}</title></rect>`
    })
  })
  const xLabels = labels.map(
    (l, i) =>
      `<text x="${(PAD.left + (i + 0.5) * groupW).toFixed(1)}" y="${height - PAD.bottom + 18}" text-anchor="middle">${escapeHtml(l)}</text>`,
  )
  return frame(height, title, [
    ...drawGrid(max, y),
    ...bars,
    ...xLabels,
    drawLegend(series, height),
  ])
}

function frame(height: number, title: string, parts: readonly string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(title)}" font-family="sans-serif" font-size="11"><title>${escapeHtml(title)}</title>${parts.join('')}</svg>`
}

function drawGrid(max: number, y: (v: number) => number): string[] {
  return [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const v = max * f
    return `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/><text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${Math.round(v)}</text>`
  })
}

function drawLegend(series: readonly Series[], height: number): string {
  return series
    .map((s, i) => {
      const left = PAD.left + i * 140
      return `<rect x="${left}" y="${height - 18}" width="10" height="10" fill="${s.color}"/><text x="${left + 14}" y="${height - 9}">${escapeHtml(s.name)}</text>`
    })
    .join('')
}

/** A round axis maximum at or above every value, with quarters that read well. */
function niceMax(values: readonly number[]): number {
  const max = Math.max(1, ...values)
  const power = 10 ** Math.floor(Math.log10(max))
  const step = [1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10].find((m) => m * power >= max) ?? 10
  return step * power
}
