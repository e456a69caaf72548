import type { AdapterOutput } from '../domain/adapter-output.js'
import type { DateWindow } from './adapter.js'

const TICKET_DATES = ['openedAt', 'firstResponseAt', 'closedAt'] as const

/**
 * `implausible date: <field> <instant>` when a ticket's or document's timestamp lies outside the
 * window (a `Date: … 3609` header, a 1970 epoch cell), else null.
 */
export function implausibleDateOf(output: AdapterOutput, window: DateWindow): string | null {
  if (output.kind === 'ticket') {
    for (const field of TICKET_DATES) {
      const problem = implausible(field, output.event[field], window)
      if (problem) return problem
    }
  } else if (output.kind === 'document') {
    return implausible('receivedAt', output.document.receivedAt, window)
  }
  return null
}

function implausible(field: string, date: Date | null, window: DateWindow): string | null {
  if (!date) return null
  const time = date.getTime()
  if (Number.isNaN(time) || time < window.earliest.getTime() || time > window.latest.getTime()) {
    return `implausible date: ${field} ${Number.isNaN(time) ? 'invalid' : date.toISOString()}`
  }
  return null
}
