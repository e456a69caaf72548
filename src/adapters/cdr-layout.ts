/** One item of a customized CDR record: its name on the `system-parameters cdr` form. */
export interface CdrItem {
  name: string
  width: number
  /** 0-based offset of the item in the record. */
  start: number
}

export interface CdrLayout {
  items: readonly CdrItem[]
  /** Characters in a record: the widths plus one space between items. */
  length: number
}

/** The layout DJPK's switch is assumed to send (formats/phone.md, A). */
export const DEFAULT_CDR_LAYOUT =
  'date:6 time:4 sec-dur:5 cond-code:1 code-dial:4 code-used:4 in-trk-code:4 ' +
  'dialed-num:18 calling-num:15 vdn:5 in-crt-id:3 ucid:20'

/** Items the adapter cannot work without, with the width their parser expects (null: any). */
const REQUIRED_WIDTHS: Readonly<Record<string, number | null>> = {
  date: 6,
  time: 4,
  'cond-code': null,
}
/** A call's duration comes from `sec-dur` (seconds) or the coarser `duration` (h mm t). */
const DURATION_ITEMS = ['sec-dur', 'duration'] as const

const PAIR = /^([a-z][a-z0-9/_-]*):(\d{1,3})$/

/**
 * Parses `item:width` pairs (formats/phone.md, A). Throws RangeError on a layout the adapter
 * cannot read records with, naming the problem, so the whole file fails and can be replayed
 * after the setting is fixed.
 */
export function parseCdrLayout(text: string | null): CdrLayout {
  const source = text?.trim() || DEFAULT_CDR_LAYOUT
  const items: CdrItem[] = []
  let start = 0
  for (const pair of source.split(/\s+/)) {
    const match = PAIR.exec(pair.toLowerCase())
    if (!match || Number(match[2]) < 1) {
      throw new RangeError(`cdrLayout: "${pair}" is not an item:width pair (e.g. "date:6")`)
    }
    const width = Number(match[2])
    items.push({ name: match[1]!, width, start })
    start += width + 1
  }
  for (const [name, width] of Object.entries(REQUIRED_WIDTHS)) {
    const item = items.find((candidate) => candidate.name === name)
    if (!item) throw new RangeError(`cdrLayout: the "${name}" item is required`)
    if (width !== null && item.width !== width) {
      throw new RangeError(
        `cdrLayout: "${name}" must be ${width} characters wide, not ${item.width}`,
      )
    }
  }
  if (!items.some((item) => (DURATION_ITEMS as readonly string[]).includes(item.name))) {
    throw new RangeError('cdrLayout: a "sec-dur" or "duration" item is required')
  }
  return { items, length: start - 1 }
}

/** Item name → trimmed text of a record cut to the layout's length; the first of a name wins. */
export function readCdrItems(record: string, layout: CdrLayout): Record<string, string> {
  const values: Record<string, string> = {}
  for (const { name, start, width } of layout.items) {
    if (!Object.hasOwn(values, name)) values[name] = record.slice(start, start + width).trim()
  }
  return values
}
