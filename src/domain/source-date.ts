/**
 * Dates as exports write them (formats/README.md, Dates). Naive times are wall-clock times in the
 * source's zone; WIB has no daylight saving, so a zone is a fixed offset.
 */
const SOURCE_ZONES = { WIB: 7 * 60, UTC: 0 } as const
type SourceZone = keyof typeof SOURCE_ZONES

export interface DateOptions {
  /** Zone of naive times. @defaultValue 'WIB' */
  zone?: SourceZone
  /** Read a bare number as an Excel serial day (XLSX cells). */
  excelSerial?: boolean
  /** Read a bare integer as Unix seconds (columns that say so). */
  unixSeconds?: boolean
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  januari: 1,
  january: 1,
  feb: 2,
  februari: 2,
  february: 2,
  peb: 2,
  pebruari: 2,
  mar: 3,
  maret: 3,
  march: 3,
  apr: 4,
  april: 4,
  mei: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  agu: 8,
  agt: 8,
  agst: 8,
  agus: 8,
  aug: 8,
  agustus: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oct: 10,
  oktober: 10,
  october: 10,
  nov: 11,
  nop: 11,
  november: 11,
  nopember: 11,
  des: 12,
  dec: 12,
  desember: 12,
  december: 12,
}

const TIME = String.raw`(?:[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?)?`
const ISO = new RegExp(
  String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}\s*(Z|[+-]\d{2}:?\d{2})?$`,
  'i',
)
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})[/-](\d{1,2})[/-](\d{4})${TIME}$`)
const NAMED_MONTH = new RegExp(String.raw`^(\d{1,2})[ -]([a-z]+)\.?[ -](\d{4})${TIME}$`, 'i')
const EXCEL_SERIAL = /^\d{1,6}(?:\.\d+)?$/
const UNIX_SECONDS = /^\d{9,11}$/
/** Day 0 of Excel's 1900 system, counted so that serial 60 (the phantom 29 Feb 1900) is skipped. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)
const DAY_MS = 86_400_000

/** Parses one source date; null when the text is empty or matches no accepted form. */
export function parseSourceDate(
  text: string | null | undefined,
  options: DateOptions = {},
): Date | null {
  const value = text?.trim()
  if (!value) return null
  const offsetMinutes = SOURCE_ZONES[options.zone ?? 'WIB']

  if (options.unixSeconds && UNIX_SECONDS.test(value)) return new Date(Number(value) * 1000)
  if (options.excelSerial && EXCEL_SERIAL.test(value)) {
    const wallClockMs = Math.round(EXCEL_EPOCH_MS + Number(value) * DAY_MS)
    return new Date(wallClockMs - offsetMinutes * 60_000)
  }

  const iso = ISO.exec(value)
  if (iso) {
    const [, y, mo, d, h, mi, s, zone] = iso
    const offset = zone ? parseOffset(zone) : offsetMinutes
    return fromWallClock(+y!, +mo!, +d!, clock(h), clock(mi), clock(s), offset)
  }
  const dayFirst = DAY_FIRST.exec(value)
  if (dayFirst) {
    const [, d, mo, y, h, mi, s] = dayFirst
    return fromWallClock(+y!, +mo!, +d!, clock(h), clock(mi), clock(s), offsetMinutes)
  }
  const named = NAMED_MONTH.exec(value)
  if (named) {
    const [, d, monthName, y, h, mi, s] = named
    const month = MONTHS[monthName!.toLowerCase()]
    return month
      ? fromWallClock(+y!, month, +d!, clock(h), clock(mi), clock(s), offsetMinutes)
      : null
  }
  return null
}

function parseOffset(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)))
}

/** An hour, minute or second a pattern captured; 0 when the text has none. */
const clock = (digits: string | undefined) => (digits === undefined ? 0 : Number(digits))

/**
 * The instant of a wall-clock time in a source zone, for a reader that has the numbers already
 * (a switch's fixed-width items); null for an impossible date or time (31/02, 24:00).
 */
export function wallClockInstant(
  [year, month, day, hour, minute, second]: readonly [
    number,
    number,
    number,
    number,
    number,
    number,
  ],
  zone: SourceZone,
): Date | null {
  return fromWallClock(year, month, day, hour, minute, second, SOURCE_ZONES[zone])
}

/** Builds the instant of a wall-clock time at a fixed offset, refusing impossible dates (31/02). */
function fromWallClock(
  year: number,
  month: number,
  day: number,
  h: number,
  mi: number,
  s: number,
  offsetMinutes: number,
): Date | null {
  if (month < 1 || month > 12 || day < 1 || h > 23 || mi > 59 || s > 59) return null
  // Date.UTC reads years 0–99 as 1900–1999; the days of the month follow the same year. Written
  // as !(≤) so that a month that is no number (an unknown name) is refused too.
  if (!(day <= daysInMonth(year >= 0 && year <= 99 ? 1900 + year : year, month))) return null
  return new Date(Date.UTC(year, month - 1, day, h, mi, s) - offsetMinutes * 60_000)
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!
}
