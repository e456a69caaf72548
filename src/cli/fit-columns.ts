/** `middle`: `/inbox/what…/file.csv` on one line; `wrap`: the whole text over several lines. */
export type Shrink = 'middle' | 'wrap'

const GAP = 2
const MIN_WIDTH = 12

/**
 * Narrows the shrinkable columns until the table fits `width` (when given): the room left by
 * the other columns is shared fairly, a narrow column keeping its width and the wide ones
 * splitting the rest. Returns how to lay a cell out: one line, or several for a wrapped column.
 */
export function fitColumns(
  keys: readonly string[],
  natural: readonly number[],
  shrink: readonly (Shrink | null)[],
  width: number | undefined,
): { widths: number[]; lay: (column: number, text: string) => string[] } {
  const widths = [...natural]
  const total = natural.reduce((sum, w) => sum + w, 0) + GAP * (natural.length - 1)
  if (width && width > 0 && total > width) {
    const shrinkable = natural.map((_, i) => i).filter((i) => shrink[i])
    const fixed = total - shrinkable.reduce((sum, i) => sum + natural[i]!, 0)
    let room = width - fixed
    const narrowFirst = [...shrinkable].sort((a, b) => natural[a]! - natural[b]!)
    narrowFirst.forEach((i, n) => {
      const share = Math.floor(room / (narrowFirst.length - n))
      const floor = Math.min(natural[i]!, Math.max(MIN_WIDTH, keys[i]!.length))
      widths[i] = Math.min(natural[i]!, Math.max(share, floor))
      room -= widths[i]
    })
  }
  const lay = (column: number, text: string): string[] => {
    const w = widths[column]!
    if (text.length <= w) return [text]
    return shrink[column] === 'wrap' ? wrap(text, w) : [shortenMiddle(text, w)]
  }
  return { widths, lay }
}

/** `abcdefghij` in 7 → `abc…hij`: keeps both ends of a path, where its folder and name are. */
export function shortenMiddle(text: string, width: number): string {
  if (text.length <= width) return text
  if (width <= 1) return text.slice(0, width)
  const tail = Math.floor((width - 1) / 2)
  const head = width - 1 - tail
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`
}

/** Wraps at spaces where it can, else mid-word: every character is kept. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let rest = text
  while (rest.length > width) {
    const space = rest.lastIndexOf(' ', width)
    const cut = space > width / 3 ? space : width
    lines.push(rest.slice(0, cut).trimEnd())
    rest = rest.slice(cut).trimStart()
  }
  if (rest.length > 0) lines.push(rest)
  return lines
}
