import { createHash } from 'node:crypto'
import type { AdapterOutput } from '../../domain/adapter-output.js'
import type { CustomerKeyer } from '../../domain/contact.js'
import { wallClockInstant } from '../../domain/source-date.js'
import type { AdapterContext, AdapterOptions } from '../adapter.js'
import { classifyConditionCode } from './cdr-condition-code.js'
import type { CdrLayout } from './cdr-layout.js'
import type { CdrDay } from './cdr-line.js'

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
 * A record's items → its output. `day` is the date its date record gave when the layout has no
 * `date` item (undefined: the layout has one; null: no date record came before the record).
 */
export function cdrRecordOutput(
  items: Record<string, string>,
  recordNumber: number,
  raw: string,
  layout: CdrLayout,
  ctx: AdapterContext,
  day?: CdrDay | null,
): AdapterOutput {
  const reject = (reason: string): AdapterOutput => ({ kind: 'reject', recordNumber, reason, raw })
  const order = ctx.options.cdrDateOrder
  if (day === null) return reject('no date record before this record, and the layout has no date')
  if (day) items = { ...items, date: formatCdrDate(day, order) }
  const endedAt = parseCdrEnd(items.date ?? '', items.time ?? '', order)
  if (!endedAt) return reject(`unparseable date/time "${items.date} ${items.time}" (${order})`)
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
      sourceTicketId: cdrTicketId(items, ctx.customerKey),
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

/** A date record's day as the `date` item would print it (DDMMYY or MMDDYY). */
function formatCdrDate({ year, month, day }: CdrDay, order: CdrDateOrder): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  const [first, second] = order === 'day/month' ? [day, month] : [month, day]
  return `${pad(first)}${pad(second)}${pad(year % 100)}`
}

/** The call's end: `date` (DDMMYY or MMDDYY, the day it ended) and `time` (HHMM), in WIB. */
function parseCdrEnd(date: string, time: string, order: CdrDateOrder): Date | null {
  if (!/^\d{6}$/.test(date) || !/^\d{4}$/.test(time)) return null
  const pair = (text: string, at: number) => Number(text.slice(at, at + 2))
  const [day, month] =
    order === 'day/month' ? [pair(date, 0), pair(date, 2)] : [pair(date, 2), pair(date, 0)]
  return wallClockInstant(
    [2000 + pair(date, 4), month, day, pair(time, 0), pair(time, 2), 0],
    'WIB',
  )
}

/**
 * Seconds the call lasted; null when the switch could not tell (all nines: the clock changed
 * mid-call, fixtures/phone/unknown-duration.cdr); undefined when the item does not parse.
 * `sec-dur` counts seconds; `duration` is `h mm t` (hours, minutes, tenths of a minute).
 */
function parseCdrDuration(
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
 * The calling number enters as its keyed customer key: a plain hash of a phone number and a
 * few guessable items would give the number back to anyone who tries them all.
 */
function cdrTicketId(items: Record<string, string>, customerKey: CustomerKeyer): string {
  if (items.ucid) return items.ucid
  const values = HASHED_ITEMS.map((name) => {
    if (name === 'sec-dur') return items['sec-dur'] ?? items.duration ?? ''
    const value = items[name] ?? ''
    return name === 'calling-num' ? (customerKey(value) ?? value) : value
  })
  return createHash('sha256').update(values.join('|')).digest('hex')
}
