import { escapeControl } from '../domain/escape-control.js'
import { fitColumns, type Shrink } from './fit-columns.js'

export interface TableOptions {
  /** How a column gives way when the table is wider than the terminal; others keep their width. */
  shrink?: Record<string, Shrink>
  /** The width to fit. @defaultValue the terminal's (`process.stdout.columns`), none when piped */
  width?: number
}

/** Prints rows as an aligned plain-text table (numbers right-aligned), fitted to the terminal. */
export function formatTable(
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[],
  options: TableOptions = {},
): string {
  if (rows.length === 0) return '(none)'
  const keys = columns ?? Object.keys(rows[0] ?? {})
  const cells = rows.map((row) => keys.map((key) => formatCell(row[key])))
  const natural = keys.map((key, i) =>
    Math.max(key.length, ...cells.map((line) => line[i]!.length)),
  )
  const isNumeric = keys.map((_, i) => rows.every((row) => typeof row[keys[i]!] === 'number'))
  const width = options.width ?? process.stdout.columns
  const shrink = keys.map((key) => options.shrink?.[key] ?? null)
  const { widths, lay } = fitColumns(keys, natural, shrink, width)
  const render = (line: readonly string[]) =>
    line
      .map((cell, i) => (isNumeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()
  const lines = [render(keys), render(widths.map((w) => '-'.repeat(w)))]
  for (const row of cells) {
    const laid = row.map((cell, i) => lay(i, cell))
    const height = Math.max(...laid.map((parts) => parts.length))
    for (let n = 0; n < height; n++) lines.push(render(laid.map((parts) => parts[n] ?? '')))
  }
  return lines.join('\n')
}

function formatCell(value: unknown): string {
  if (value == null) return ''
  if (value instanceof Date) return value.toISOString().replace('T', ' ').slice(0, 19)
  return escapeControl(typeof value === 'string' ? value : JSON.stringify(value))
}

/** `{ "outgoing call": 12, "auto-reply": 3 }` → `outgoing call: 12, auto-reply: 3`. */
export function formatReasons(byReason: Record<string, number>): string {
  return Object.entries(byReason)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, count]) => `${escapeControl(reason)}: ${count}`)
    .join(', ')
}
