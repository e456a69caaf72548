import { CDR_PRESETS, UNPUBLISHED_CDR_PRESETS } from './cdr-presets.js'

/** One item of a CDR record: its name on the `system-parameters cdr` form, width and offset. */
interface CdrItem {
  name: string
  width: number
  /** 0-based offset of the item in the record. */
  start: number
}

export interface CdrLayout {
  items: readonly CdrItem[]
  /** Characters in a record, every item counted. */
  length: number
  /** Where the last data item ends: a record may stop there (trailing fillers are optional). */
  dataEnd: number
  /** The line breaks inside a record, before `dataEnd`, in order: a record spans one line more. */
  breaks: readonly string[]
}

/** Items that carry no data, only characters: each is one character unless given a width. */
const FILLER_ITEMS: Readonly<Record<string, string>> = {
  space: ' ',
  return: '\r',
  'line-feed': '\n',
  null: '\0',
}

/** The layout DJPK's switch is assumed to send (formats/phone.md, A). */
const DEFAULT_CDR_LAYOUT =
  'date:6 space time:4 space sec-dur:5 space cond-code:1 space code-dial:4 space ' +
  'code-used:4 space in-trk-code:4 space dialed-num:18 space calling-num:15 space vdn:5 ' +
  'space in-crt-id:3 space ucid:20'

/** Items the adapter reads values of, with the width their parser expects (null: any). */
const REQUIRED_WIDTHS: Readonly<Record<string, number | null>> = {
  time: 4,
  'cond-code': null,
}
/** A call's duration comes from `sec-dur` (seconds) or the coarser `duration` (h mm t). */
const DURATION_ITEMS = ['sec-dur', 'duration'] as const
/** Items whose values locate a record on its line (see cdr-line.ts); all must be on its first line. */
export const ANCHOR_ITEMS = ['date', 'time', ...DURATION_ITEMS, 'cond-code'] as const

const ITEM = /^([a-z][a-z0-9/_-]*)(?::(\d{1,3}))?$/

/**
 * Reads `CDR_LAYOUT`: the items of the switch's customized form in order, `name:width`, with
 * nothing implied between them (`space`, `return`, `line-feed`, `null` are items, width 1 unless
 * given), or `preset:<format>` for a standard format. Throws RangeError naming the bad item.
 */
export function parseCdrLayout(text: string | null): CdrLayout {
  const source = text?.trim() || DEFAULT_CDR_LAYOUT
  const preset = /^preset:(.*)$/i.exec(source)
  if (preset) return parseCdrLayout(presetItems(preset[1]!.trim().toLowerCase()))

  const items: CdrItem[] = []
  let start = 0
  source
    .split(/[\s,]+/)
    .filter(Boolean)
    .forEach((token, index) => {
      const match = ITEM.exec(token.toLowerCase())
      const name = match?.[1]
      const width = match?.[2] === undefined ? (name && isFiller(name) ? 1 : 0) : Number(match[2])
      if (!name || width < 1) {
        throw new RangeError(
          `item ${index + 1} "${token}" is not an item:width pair (e.g. "date:6", or "space")`,
        )
      }
      items.push({ name, width, start })
      start += width
    })
  checkRequiredItems(items)
  const dataItems = items.filter((item) => !isFiller(item.name))
  const dataEnd = Math.max(...dataItems.map((item) => item.start + item.width))
  const breaks = lineBreaksBefore(items, dataEnd)
  const firstBreak = breaks[0]?.offset ?? Infinity
  const lateAnchor = items.find(
    (item) => (ANCHOR_ITEMS as readonly string[]).includes(item.name) && item.start > firstBreak,
  )
  if (lateAnchor) {
    throw new RangeError(`"${lateAnchor.name}" must come before the record's first line break`)
  }
  return { items, length: start, dataEnd, breaks: breaks.map((found) => found.text) }
}

function isFiller(name: string): boolean {
  return Object.hasOwn(FILLER_ITEMS, name)
}

/** Characters a record's first line holds: up to its first line break, else to its last data item. */
export function firstLineReach(layout: CdrLayout): number {
  if (layout.breaks.length === 0) return layout.dataEnd
  const item = layout.items.find(({ name }) => name === 'return' || name === 'line-feed')
  return item?.start ?? layout.dataEnd
}

/** Item name → trimmed text of a record that starts at offset 0; the first of a name wins. */
export function readCdrItems(record: string, layout: CdrLayout): Record<string, string> {
  const values: Record<string, string> = {}
  for (const { name, start, width } of layout.items) {
    if (isFiller(name) || Object.hasOwn(values, name)) continue
    values[name] = record.slice(start, start + width).trim()
  }
  return values
}

function presetItems(name: string): string {
  const items = Object.hasOwn(CDR_PRESETS, name) ? CDR_PRESETS[name] : undefined
  if (items) return items
  if (UNPUBLISHED_CDR_PRESETS.includes(name)) {
    throw new RangeError(
      `"preset:${name}": the published layout of this format could not be confirmed; ` +
        `write the switch's items as a customized layout`,
    )
  }
  const known = Object.keys(CDR_PRESETS).join(', ')
  throw new RangeError(`"preset:${name}" is not a standard format (known: ${known})`)
}

function checkRequiredItems(items: readonly CdrItem[]): void {
  for (const [name, width] of Object.entries(REQUIRED_WIDTHS)) {
    const item = items.find((candidate) => candidate.name === name)
    if (!item) throw new RangeError(`the "${name}" item is required`)
    if (width !== null && item.width !== width) {
      throw new RangeError(`"${name}" must be ${width} characters wide, not ${item.width}`)
    }
  }
  const date = items.find((item) => item.name === 'date')
  if (date && date.width !== 6) {
    throw new RangeError(`"date" must be 6 characters wide, not ${date.width}`)
  }
  if (!items.some((item) => (DURATION_ITEMS as readonly string[]).includes(item.name))) {
    throw new RangeError('a "sec-dur" or "duration" item is required')
  }
}

/**
 * Offsets where a physical line ends inside a record: a `line-feed`, or a `return` not followed
 * by one (CR LF is one break), before the last data item.
 */
function lineBreaksBefore(
  items: readonly CdrItem[],
  dataEnd: number,
): { offset: number; text: string }[] {
  const breaks: { offset: number; text: string }[] = []
  items.forEach((item, index) => {
    if (item.start >= dataEnd) return
    const [previous, next] = [items[index - 1]?.name, items[index + 1]?.name]
    const crlf = item.name === 'return' && next === 'line-feed' && item.width === 1
    if (crlf) breaks.push({ offset: item.start, text: '\r\n' })
    else if (item.name === 'line-feed' && previous === 'return' && items[index - 1]!.width === 1) {
      // The second half of CR LF, counted with its return.
    } else if (item.name === 'line-feed' || item.name === 'return') {
      const text = FILLER_ITEMS[item.name]!
      for (let n = 0; n < item.width; n += 1) breaks.push({ offset: item.start + n, text })
    }
  })
  return breaks
}
