import { wallClock } from './clock.js'

/** One Communication Manager CDR record in the default layout of formats/phone.md. */
export interface CdrRecord {
  /** When the call (or this part of it) ended, on a whole minute: the CDR keeps HHMM only. */
  endAt: Date
  /** Seconds; 99999 when the switch clock changed mid-call. */
  duration: number
  condition: string
  codeDial: string
  codeUsed: string
  inTrunk: string
  dialed: string
  calling: string
  vdn: string
  circuit: string
  ucid: string
}

const pad = (value: number) => String(value).padStart(2, '0')

/** The fixed-width line: date 6, time 4, sec-dur 5, cond 1, … ucid 20, one space between items. */
export function cdrLine(record: CdrRecord): string {
  const c = wallClock(record.endAt)
  return [
    `${pad(c.day)}${pad(c.month)}${pad(c.year % 100)}`,
    `${pad(c.hour)}${pad(c.minute)}`,
    String(record.duration).padStart(5),
    record.condition,
    record.codeDial.padEnd(4),
    record.codeUsed.padEnd(4),
    record.inTrunk.padEnd(4),
    record.dialed.padEnd(18),
    record.calling.slice(0, 15).padEnd(15),
    record.vdn.padEnd(5),
    record.circuit.padEnd(3),
    record.ucid.padEnd(20),
  ].join(' ')
}

/** The date record the switch sends when the day changes: `MM DD` alone on a line. */
export function cdrDateRecord(at: Date): string {
  const c = wallClock(at)
  return `${pad(c.month)} ${pad(c.day)}`
}
