import type { DateWindow } from '../adapter.js'

/**
 * RFC 5322 §3.3 dates, with the obsolete forms of §4.3 that old mailers still send (two-digit
 * years, named zones, no seconds) and a few common slips (`GMT+0700`, `+07:00`, full month names,
 * a missing comma). MIME parsers fall back to "now" on a date they cannot read, which would put a
 * ticket in the wrong month, so Date and Received are parsed here and a bad one is null.
 */
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]

/** Named zones in minutes east of UTC: RFC 5322's obsolete US zones, and Indonesia's own. */
const NAMED_ZONES: ReadonlyMap<string, number> = new Map([
  ['ut', 0],
  ['utc', 0],
  ['gmt', 0],
  ['z', 0],
  ['est', -300],
  ['edt', -240],
  ['cst', -360],
  ['cdt', -300],
  ['mst', -420],
  ['mdt', -360],
  ['pst', -480],
  ['pdt', -420],
  ['wib', 420],
  ['wita', 480],
  ['wit', 540],
])

const DATE_TIME =
  /^(?:[a-z]{3,9}\.?\s*,?\s*)?(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(.*)$/i
const NUMERIC_ZONE = /^(?:(?:gmt|utc|ut)\s*)?([+-])(\d{1,2}):?(\d{2})?$/i
/** RFC 5322 §4.3: military zones were defined with the wrong sign, so they mean "unknown" (UTC). */
const MILITARY_ZONE = /^[a-ik-y]$/i

/** Parses a `Date:` value or the date of a `Received:` header; null when it is not a full date. */
export function parseEmailDate(text: string | null | undefined): Date | null {
  if (!text) return null
  const value = stripComments(text).replace(/\s+/g, ' ').trim()
  const match = DATE_TIME.exec(value)
  if (!match) return null
  const [, day, monthName, yearText, hour, minute, second, zoneText] = match
  const month = monthNumber(monthName!)
  const offset = zoneOffsetOf(zoneText!.trim())
  if (month === null || offset === null) return null

  const year = fullYear(yearText!)
  const [d, h, mi] = [Number(day), Number(hour), Number(minute)]
  // A leap second (:60) is kept inside its minute.
  const s = Math.min(Number(second ?? 0), 59)
  if (h > 23 || mi > 59 || Number(second ?? 0) > 60) return null
  const wallClock = new Date(Date.UTC(year, month - 1, d, h, mi, s))
  wallClock.setUTCFullYear(year)
  if (wallClock.getUTCDate() !== d || wallClock.getUTCMonth() !== month - 1) return null
  return new Date(wallClock.getTime() - offset * 60_000)
}

/** The date of a `Received:` header: RFC 5321 puts it after the last `;`. */
export function parseReceivedDate(received: string): Date | null {
  const semicolon = received.lastIndexOf(';')
  return semicolon === -1 ? null : parseEmailDate(received.slice(semicolon + 1))
}

/** The date a message was sent, or why there is none; `warning` when Date was passed over. */
export interface SentAt {
  sentAt: Date | null
  problem: string | null
  warning: string | null
}

/**
 * `Date`, else the topmost `Received` date (the receiving server's clock) when Date is missing,
 * unparseable or outside the window (`Mon, 30 Jun 3609`, a clock at 1970). With neither, the
 * message is rejected: `implausible date` when a date was read but lies outside the window.
 */
export function sentAtOf(
  dateText: string | null,
  received: string | null,
  window: DateWindow,
): SentAt {
  const plausible = (date: Date | null): date is Date =>
    date !== null && date >= window.earliest && date <= window.latest
  const date = parseEmailDate(dateText)
  if (plausible(date)) return { sentAt: date, problem: null, warning: null }
  const receivedDate = received ? parseReceivedDate(received) : null
  if (plausible(receivedDate)) {
    const warning = date
      ? `implausible Date "${dateText}": the topmost Received date is used`
      : null
    return { sentAt: receivedDate, problem: null, warning }
  }
  return {
    sentAt: null,
    problem: describeDateProblem(dateText, date, received, receivedDate),
    warning: null,
  }
}

function describeDateProblem(
  dateText: string | null,
  date: Date | null,
  received: string | null,
  receivedDate: Date | null,
): string {
  const dateOf = date
    ? `Date "${dateText}"`
    : dateText
      ? `unparseable Date "${dateText}"`
      : 'missing Date'
  const receivedOf = receivedDate
    ? `topmost Received date ${receivedDate.toISOString()}`
    : received
      ? 'no date in the topmost Received header'
      : 'no Received header'
  if (date || receivedDate) return `implausible date: ${dateOf} and ${receivedOf}`
  return `${dateOf} and ${receivedOf}`
}

function monthNumber(name: string): number | null {
  const lower = name.toLowerCase()
  const index = MONTH_NAMES.findIndex((full) => full.startsWith(lower))
  return index === -1 || lower.length < 3 ? null : index + 1
}

/** RFC 5322 §4.3: a two-digit year below 50 is 20xx, else 19xx; three digits add 1900. */
function fullYear(text: string): number {
  const year = Number(text)
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year
  if (text.length === 3) return 1900 + year
  return year
}

/** Reads `+0700 (WIB)` and also `+0700 WIB`, where a mailer forgot the comment's parentheses. */
function zoneOffsetOf(zone: string): number | null {
  return zoneOffsetMinutes(zone) ?? zoneOffsetMinutes(zone.split(' ')[0]!)
}

/** Minutes east of UTC; null for a missing or unknown zone (a zoneless time is not guessed). */
function zoneOffsetMinutes(zone: string): number | null {
  const numeric = NUMERIC_ZONE.exec(zone)
  if (numeric) {
    const [, sign, hours, minutes] = numeric
    if (Number(hours) > 23 || Number(minutes ?? 0) > 59) return null
    return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? 0))
  }
  const named = NAMED_ZONES.get(zone.toLowerCase())
  if (named !== undefined) return named
  return MILITARY_ZONE.test(zone) ? 0 : null
}

/** Drops `(comments)`, nested and with `\)` quoted pairs, as RFC 5322 CFWS allows anywhere. */
function stripComments(text: string): string {
  let out = ''
  let depth = 0
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!
    if (char === '\\' && depth > 0) {
      i += 1
    } else if (char === '(') {
      depth += 1
    } else if (char === ')' && depth > 0) {
      depth -= 1
      if (depth === 0) out += ' '
    } else if (depth === 0) {
      out += char
    }
  }
  return out
}
