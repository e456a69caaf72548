import type { TicketEvent } from './ticket-event.js'
import { statusRank } from './ticket-status.js'

/**
 * Merges two records of one ticket (formats/README.md, Merging) so that arrival order never
 * matters: earliest opened_at and first_response_at, latest closed_at, highest status rank,
 * largest message_count. Descriptive fields come from the record with the higher status rank
 * (ties: `later`), keeping a non-empty value over an empty one. db/tickets.ts mirrors this in SQL.
 */
export function mergeTicketEvents(earlier: TicketEvent, later: TicketEvent): TicketEvent {
  const laterWins = statusRank(later.status) >= statusRank(earlier.status)
  const [winner, loser] = laterWins ? [later, earlier] : [earlier, later]
  return {
    channel: later.channel,
    sourceTicketId: later.sourceTicketId,
    openedAt: earliest(earlier.openedAt, later.openedAt),
    firstResponseAt: earliest(earlier.firstResponseAt, later.firstResponseAt),
    closedAt: latest(earlier.closedAt, later.closedAt),
    status: winner.status,
    agent: winner.agent || loser.agent,
    topic: winner.topic || loser.topic,
    segment: winner.segment ?? loser.segment,
    subject: winner.subject || loser.subject,
    customerKey: winner.customerKey ?? loser.customerKey,
    messageCount: largest(earlier.messageCount, later.messageCount),
    raw: winner.raw,
  }
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b
  if (!b) return a
  return a <= b ? a : b
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b
  if (!b) return a
  return a >= b ? a : b
}

function largest(a: number | null, b: number | null): number | null {
  if (a === null) return b
  if (b === null) return a
  return Math.max(a, b)
}
