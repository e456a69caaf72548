import { ANCHOR_ITEMS, type CdrLayout } from './cdr-layout.js'

/** A day of the calendar, as the switch's date items and date records give it. */
export interface CdrDay {
  year: number
  month: number
  day: number
}

/**
 * What a located item must look like; items not listed may hold anything. A Map: a layout's item
 * named `constructor` must not find Object.prototype's member.
 */
const ITEM_SHAPES: ReadonlyMap<string, RegExp> = new Map([
  ['date', /^\d{6}$/],
  ['time', /^(?:[01]\d|2[0-3])[0-5]\d$/],
  ['sec-dur', /^ *\d+$/],
  ['duration', /^ *\d+$/],
  ['space', /^ +$/],
  ['return', /^\r+$/],
  ['line-feed', /^\n+$/],
  ['null', /^\0+$/],
])
const WORD = /[A-Za-z0-9]/

/** An anchor item with a shape, where it lies in the record. */
interface AnchorCheck {
  shape: RegExp
  start: number
  width: number
}

/** A layout's anchors as every line is checked against them, worked out once per layout. */
interface Anchors {
  /** Where the last anchor item ends: what a record's start must reach to be located. */
  reach: number
  /** The items before it that have a shape. */
  checks: readonly AnchorCheck[]
}

const anchorsByLayout = new WeakMap<CdrLayout, Anchors>()

function anchorsOf(layout: CdrLayout): Anchors {
  let anchors = anchorsByLayout.get(layout)
  if (!anchors) {
    const reach = Math.max(
      ...layout.items
        .filter((item) => (ANCHOR_ITEMS as readonly string[]).includes(item.name))
        .map((item) => item.start + item.width),
    )
    const checks = layout.items.flatMap(({ name, start, width }) => {
      const shape = ITEM_SHAPES.get(name)
      return shape && start < reach ? [{ shape, start, width }] : []
    })
    anchors = { reach, checks }
    anchorsByLayout.set(layout, anchors)
  }
  return anchors
}

/**
 * Where the record starts on its line: the first offset where the layout's anchor items (date,
 * time, duration, condition code and the fillers between them) have their shape and the record
 * reaches `reach` characters. Whatever precedes it is a collector's prefix (a sequence number,
 * a syslog header); whatever follows the record (trailing blanks, NULs) is ignored. A record never
 * starts inside a word. Null when no offset fits (fixtures/phone/customized-form.cdr).
 */
export function findRecordStart(text: string, layout: CdrLayout, reach: number): number | null {
  const { checks } = anchorsOf(layout)
  for (let start = 0; start + reach <= text.length; start += 1) {
    if (start > 0 && WORD.test(text[start - 1]!) && WORD.test(text[start]!)) continue
    if (anchorsFit(text, start, checks)) return start
  }
  return null
}

function anchorsFit(text: string, start: number, checks: readonly AnchorCheck[]): boolean {
  for (const { shape, start: offset, width } of checks) {
    const at = start + offset
    if (!shape.test(text.slice(at, at + width))) return false
  }
  return true
}

/**
 * Whether the line begins a record somewhere: its anchor items fit, however short the line is
 * after them (a record cut short, not a date record or a stray line).
 */
export function startsRecord(text: string, layout: CdrLayout): boolean {
  return findRecordStart(text, layout, anchorsOf(layout).reach) !== null
}

/** Whether any anchor item with a shape (date, time, duration) has it, the record at `start`. */
export function someAnchorFits(text: string, start: number, layout: CdrLayout): boolean {
  return layout.items.some((item) => {
    const shape = ITEM_SHAPES.get(item.name)
    if (!shape || !(ANCHOR_ITEMS as readonly string[]).includes(item.name)) return false
    return shape.test(text.slice(start + item.start, start + item.start + item.width))
  })
}

/**
 * The date record the switch sends at midnight and on a date change: `MM DD` (printer, expanded,
 * customized) or `MMDD` (TELESEER, 59-character, int-*), month first as Avaya documents it (a
 * record only valid day first is read so), alone on its line or after a collector's prefix. Null
 * when the line is not one.
 */
export function readDateRecord(bare: string): { month: number; day: number } | null {
  const match = /(?:^|\s)(\d{2}) ?(\d{2})$/.exec(bare)
  if (!match) return null
  const [first, second] = [Number(match[1]), Number(match[2])]
  const valid = (month: number, day: number) => month >= 1 && month <= 12 && day >= 1 && day <= 31
  if (valid(first, second)) return { month: first, day: second }
  return valid(second, first) ? { month: second, day: first } : null
}

/**
 * The year of a date record's month and day, which the record does not carry: the latest year in
 * which that day is not after `latest` (the end of the plausible-date window, in WIB).
 */
export function yearOfDateRecord(month: number, day: number, latest: Date): CdrDay {
  const wib = new Date(latest.getTime() + 7 * 3_600_000)
  const lastDay = Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth(), wib.getUTCDate())
  const fits = (year: number) => {
    const date = new Date(Date.UTC(year, month - 1, day))
    return date.getUTCDate() === day && date.getTime() <= lastDay
  }
  let year = wib.getUTCFullYear()
  // 29 February goes back to the last leap year; eight years always reach one.
  while (!fits(year) && year > wib.getUTCFullYear() - 8) year -= 1
  return { year, month, day }
}
