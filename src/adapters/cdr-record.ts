import { createHash } from 'node:crypto'
import type { AdapterOutput } from '../domain/adapter-output.js'
import { parseSourceDate } from '../domain/source-date.js'
import type { AdapterContext, AdapterOptions } from './adapter.js'
import { classifyConditionCode } from './cdr-condition-code.js'
import { readCdrItems, type CdrLayout } from './cdr-layout.js'

type CdrDateOrder = AdapterOptions['cdrDateOrder']

/** Items hashed, in this order, into the id of a record without a UCID (formats/phone.md, A). */
const HASHED_ITEMS = [
  'date',
  'time',
  'sec-dur',
  'calling-num',
  'dialed-num',
  'cond-code',
  'in-crt-id',
]
/**
 * `MM DD`: the date record the switch sends at midnight and on a date change, alone on its line
 * or after the same protocol prefix as the records.
 */
const DATE_RECORD = /(?:^|\s)\d{2} \d{2}$/

/**
 * One line of a CDR file → its output, or null for a line that is not a record at all (blank,
 * NUL padding, a date record: see fixtures/phone/padding-and-date-records.cdr). Whatever precedes
 * the record on its line is a collector's protocol prefix: the record is the line's last
 * `layout.length` characters (fixtures/phone/protocol-prefix.cdr).
 */
export function parseCdrLine(
  line: string,
  recordNumber: number,
  layout: CdrLayout,
  ctx: AdapterContext,
): AdapterOutput | null {
  const bare = line.replace(/[\0\uFEFF]/g, '').trim()
  if (bare === '' || (bare.length < layout.length && DATE_RECORD.test(bare))) return null
  const reject = (reason: string): AdapterOutput => ({
    kind: 'reject',
    recordNumber,
    reason,
    raw: line,
  })

  // Trailing NULs are padding after the record, not part of it.
  const text = line.replace(/\0+$/, '')
  if (text.length < layout.length) {
    return reject(
      `line shorter than the CDR layout (${text.length} of ${layout.length} characters)`,
    )
  }
  const items = readCdrItems(text.slice(text.length - layout.length), layout)
  const endedAt = parseCdrEnd(items.date ?? '', items.time ?? '', ctx.options.cdrDateOrder)
  if (!endedAt) {
    return reject(
      `unparseable date/time "${items.date} ${items.time}" (${ctx.options.cdrDateOrder})`,
    )
  }
  const durationSeconds = parseCdrDuration(items, layout)
  if (durationSeconds === undefined) {
    const [name, value] = Object.hasOwn(items, 'sec-dur')
      ? ['sec-dur', items['sec-dur']]
      : ['duration', items.duration]
    return reject(`unparseable ${name} "${value}"`)
  }
  if (!items['cond-code']) return reject('missing condition code')
  const outcome = classifyConditionCode(items['cond-code'])
  if (outcome.kind === 'skip') return { kind: 'skip', recordNumber, reason: outcome.reason }

  return {
    kind: 'ticket',
    recordNumber,
    event: {
      channel: 'phone',
      sourceTicketId: cdrTicketId(items),
      // A duration lost to a clock change (null) opens the ticket at its end time.
      openedAt: new Date(endedAt.getTime() - (durationSeconds ?? 0) * 1000),
      firstResponseAt: null,
      closedAt: endedAt,
      status: outcome.status,
      agent: null,
      topic: null,
      segment: null,
      subject: null,
      customerKey: ctx.customerKey(items['calling-num']),
      messageCount: null,
      raw: items,
    },
  }
}

/** The call's end: `date` (DDMMYY or MMDDYY, the day it ended) and `time` (HHMM), in WIB. */
export function parseCdrEnd(date: string, time: string, order: CdrDateOrder): Date | null {
  if (!/^\d{6}$/.test(date) || !/^\d{4}$/.test(time)) return null
  const [first, second, year] = [date.slice(0, 2), date.slice(2, 4), date.slice(4, 6)]
  const [day, month] = order === 'day/month' ? [first, second] : [second, first]
  return parseSourceDate(`20${year}-${month}-${day} ${time.slice(0, 2)}:${time.slice(2)}`, {
    zone: 'WIB',
  })
}

/**
 * Seconds the call lasted; null when the switch could not tell (all nines: the clock changed
 * mid-call, fixtures/phone/unknown-duration.cdr); undefined when the item does not parse.
 * `sec-dur` counts seconds; `duration` is `h mm t` (hours, minutes, tenths of a minute).
 */
export function parseCdrDuration(
  items: Record<string, string>,
  layout: CdrLayout,
): number | null | undefined {
  const name = Object.hasOwn(items, 'sec-dur') ? 'sec-dur' : 'duration'
  const value = items[name] ?? ''
  const width = layout.items.find((item) => item.name === name)?.width ?? 0
  if (!/^\d+$/.test(value)) return undefined
  if (value === '9'.repeat(width)) return null
  if (name === 'sec-dur') return Number(value)
  const hmmt = value.padStart(4, '0')
  const [hours, minutes, tenths] = [
    Number(hmmt.slice(0, -3)),
    Number(hmmt.slice(-3, -1)),
    Number(hmmt.slice(-1)),
  ]
  return minutes > 59 ? undefined : hours * 3600 + minutes * 60 + tenths * 6
}

/**
 * The UCID; without one, the hex sha256 of the record's identifying items joined by `|`
 * (fixtures/phone/no-ucid-item.cdr). A layout with `duration` instead of `sec-dur` hashes that.
 */
export function cdrTicketId(items: Record<string, string>): string {
  if (items.ucid) return items.ucid
  const values = HASHED_ITEMS.map((name) =>
    name === 'sec-dur' ? (items['sec-dur'] ?? items.duration ?? '') : (items[name] ?? ''),
  )
  return createHash('sha256').update(values.join('|')).digest('hex')
}
