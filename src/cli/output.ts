import { escapeControl } from '../domain/escape-control.js'

/** Prints rows as an aligned plain-text table (numbers right-aligned). */
export function formatTable(
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[],
): string {
  if (rows.length === 0) return '(none)'
  const keys = columns ?? Object.keys(rows[0] ?? {})
  const cells = rows.map((row) => keys.map((key) => formatCell(row[key])))
  const widths = keys.map((key, i) => Math.max(key.length, ...cells.map((line) => line[i]!.length)))
  const isNumeric = keys.map((_, i) => rows.every((row) => typeof row[keys[i]!] === 'number'))
  const render = (line: readonly string[]) =>
    line
      .map((cell, i) => (isNumeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()
  return [render(keys), render(widths.map((w) => '-'.repeat(w))), ...cells.map(render)].join('\n')
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
