import {
  MONTH_ABBREVIATIONS as SHORT_MONTHS_ID,
  MONTH_NAMES as LONG_MONTHS_ID,
} from '../domain/indonesian-months.js'
import { wallClock, type WallClock } from './clock.js'

const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
]
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

const pad = (value: number, width = 2) => String(value).padStart(width, '0')
const hhmm = (c: WallClock) => `${pad(c.hour)}:${pad(c.minute)}`

/** `01/12/2021 09:23` (Excel, id-ID locale), optionally with seconds. */
export function dayFirstText(c: WallClock, seconds = false): string {
  return `${pad(c.day)}/${pad(c.month)}/${c.year} ${hhmm(c)}${seconds ? `:${pad(c.second)}` : ''}`
}

/** `2021-12-01 09:23:05`. */
export function isoNaiveText(c: WallClock): string {
  return `${c.year}-${pad(c.month)}-${pad(c.day)} ${hhmm(c)}:${pad(c.second)}`
}

/** `01 Des 2021 09:49`, or `01 Desember 2021 09:49` with the long Indonesian month name. */
export function namedMonthText(c: WallClock, long = false): string {
  const name = (long ? LONG_MONTHS_ID : SHORT_MONTHS_ID)[c.month - 1]!
  return `${pad(c.day)} ${name} ${c.year} ${hhmm(c)}`
}

/** RFC 5322 `Date:` value, `Wed, 1 Dec 2021 09:12:45 +0700`. */
export function rfc5322Date(instant: Date, offsetHours: number): string {
  const c = wallClock(instant, offsetHours)
  const zone = `${offsetHours < 0 ? '-' : '+'}${pad(Math.abs(offsetHours) * 100, 4)}`
  return `${WEEKDAYS_EN[c.weekday]}, ${c.day} ${MONTHS_EN[c.month - 1]} ${c.year} ${hhmm(c)}:${pad(c.second)} ${zone}`
}

/** The asctime date of an mbox `From ` line, in UTC: `Wed Dec  1 02:12:45 2021`. */
export function mboxLineDate(instant: Date): string {
  const c = wallClock(instant, 0)
  const day = String(c.day).padStart(2, ' ')
  return `${WEEKDAYS_EN[c.weekday]} ${MONTHS_EN[c.month - 1]} ${day} ${hhmm(c)}:${pad(c.second)} ${c.year}`
}
