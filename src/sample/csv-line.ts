/** One CSV record; a cell holding the separator, a quote or a line break is quoted. */
export function csvLine(cells: readonly string[], separator: ',' | ';'): string {
  const needsQuotes = separator === ';' ? /[;"\r\n]/ : /[,"\r\n]/
  return cells
    .map((cell) => (needsQuotes.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell))
    .join(separator)
}
