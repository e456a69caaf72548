import type { AdapterOutput } from '../domain/adapter-output.js'
import type { DateWindow } from './adapter.js'

const TICKET_DATES = ['openedAt', 'firstResponseAt', 'closedAt'] as const

/**
 * `implausible date: <field> <instant>` when a ticket's or document's timestamp lies outside the
 * window (a `Date: … 3609` header, a 1970 epoch cell), else null.
 */
export function implausibleDateOf(output: AdapterOutput, window: DateWindow): string | null {
  const dates: [string, Date | null][] =
    output.kind === 'ticket'
      ? TICKET_DATES.map((field) => [field, output.event[field]])
      : output.kind === 'document'
        ? [['receivedAt', output.document.receivedAt]]
        : []
  for (const [field, date] of dates) {
    if (!date) continue
    const time = date.getTime()
    if (Number.isNaN(time) || time < window.earliest.getTime() || time > window.latest.getTime()) {
      return `implausible date: ${field} ${Number.isNaN(time) ? 'invalid' : date.toISOString()}`
    }
  }
  return null
}
