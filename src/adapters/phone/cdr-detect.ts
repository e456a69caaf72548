import { firstLineReach, parseCdrLayout, type CdrLayout } from './cdr-layout.js'
import { findRecordStart, readDateRecord } from './cdr-line.js'
import { CDR_PRESETS } from './cdr-presets.js'

/** Share of a text's record-like lines that must fit one layout for the text to be CDR. */
const MIN_FIT_SHARE = 0.8
/** Condition codes are one digit or capital letter (formats/phone.md, A). */
const CONDITION_CODE = /^[0-9A-Z]$/
/** Items the switch fills with digits (a dialed number also with `#` and `*`), or leaves blank. */
const DIGIT_ITEMS = new Set([
  'code-dial',
  'code-used',
  'dialed-num',
  'calling-num',
  'in-crt-id',
  'out-crt-id',
  'in-trk-code',
  'frl',
  'vdn',
  'ucid',
])
const DIGITS = /^[\d#*]*$/

interface NamedLayout {
  name: string
  layout: CdrLayout
}

let standardLayouts: NamedLayout[] | null = null

/**
 * The layout the start of a text is written in, or null when it is no CDR text: the configured
 * `CDR_LAYOUT` first, then the default layout and every preset. A layout fits when at least two
 * of the text's lines (one, if it has only one) and 80% of them are records of it; blank lines,
 * NUL padding and date records count for neither side, and the last line is left out when the
 * text stops inside it (a head cut from a larger file).
 */
export function cdrLayoutOfText(text: string, configured: string | null): string | null {
  const lines = text.split(/\r\n|\r|\n/)
  if (!/[\r\n]$/.test(text)) lines.pop()
  for (const { name, layout } of layoutsToTry(configured)) {
    const { fits, others } = countRecords(lines, layout)
    const total = fits + others
    if (fits >= Math.min(2, total) && fits > 0 && fits >= MIN_FIT_SHARE * total) return name
  }
  return null
}

function layoutsToTry(configured: string | null): NamedLayout[] {
  standardLayouts ??= [
    { name: 'default layout', layout: parseCdrLayout(null) },
    ...Object.keys(CDR_PRESETS).map((preset) => ({
      name: `preset:${preset}`,
      layout: parseCdrLayout(`preset:${preset}`),
    })),
  ]
  const own = configured?.trim() ? tryLayout(configured) : null
  return own ? [{ name: 'CDR_LAYOUT', layout: own }, ...standardLayouts] : standardLayouts
}

/** A layout the settings check has already refused is none to detect with. */
function tryLayout(text: string): CdrLayout | null {
  try {
    return parseCdrLayout(text)
  } catch {
    return null
  }
}

/** Lines that are records of the layout, and record-like lines that are not. */
function countRecords(
  lines: readonly string[],
  layout: CdrLayout,
): { fits: number; others: number } {
  const reach = firstLineReach(layout)
  let [fits, others, continuation] = [0, 0, 0]
  for (const line of lines) {
    if (continuation > 0) {
      continuation -= 1
      continue
    }
    const bare = line.replace(/[\0\uFEFF]/g, '').trim()
    if (bare === '' || (bare.length < reach && readDateRecord(bare))) continue
    if (isRecord(line.replace(/\0+$/, ''), layout, reach)) {
      fits += 1
      continuation = layout.breaks.length
    } else {
      others += 1
    }
  }
  return { fits, others }
}

/**
 * Whether a line holds a record's first line: the reader would find its start, its condition
 * code is a code, its number items hold digits or nothing, and its `space` items are blank.
 */
function isRecord(line: string, layout: CdrLayout, reach: number): boolean {
  const start = findRecordStart(line, layout, reach)
  if (start === null) return false
  return layout.items.every(({ name, start: offset, width }) => {
    if (offset + width > reach) return true
    const value = line.slice(start + offset, start + offset + width)
    if (name === 'cond-code') return CONDITION_CODE.test(value.trim())
    if (DIGIT_ITEMS.has(name)) return DIGITS.test(value.trim())
    return name !== 'space' || value.trim() === ''
  })
}
