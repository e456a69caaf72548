import type { TicketEvent } from './ticket-event.js'
import { statusRank } from './ticket-status.js'

/** Fields taken from the highest-ranked record that has them, rather than folded by time. */
export const DESCRIPTIVE_FIELDS = ['agent', 'topic', 'segment', 'subject', 'customerKey'] as const
export type DescriptiveField = (typeof DESCRIPTIVE_FIELDS)[number]

/** Per descriptive field, the status rank of the record its value came from; -1 while empty. */
export type FieldRanks = Readonly<Record<DescriptiveField, number>>

/**
 * A ticket merged from records, remembering where each descriptive field came from: without
 * that, which lower-ranked value fills a gap would depend on the order records arrive in.
 */
export interface TicketState {
  event: TicketEvent
  fieldRanks: FieldRanks
}

export function stateOf(event: TicketEvent): TicketState {
  const rank = statusRank(event.status)
  const fieldRanks = {} as Record<DescriptiveField, number>
  for (const field of DESCRIPTIVE_FIELDS) fieldRanks[field] = isEmpty(event[field]) ? -1 : rank
  return { event, fieldRanks }
}

/**
 * Merges two states of one ticket (formats/README.md, Merging) so that arrival order never
 * matters: earliest opened_at and first_response_at, latest closed_at, highest status rank,
 * largest message_count; each descriptive field from the highest-ranked record that has it
 * (ties: `later`). db/tickets.ts mirrors this in SQL.
 */
export function mergeTicketStates(earlier: TicketState, later: TicketState): TicketState {
  const a = earlier.event
  const b = later.event
  const laterWins = statusRank(b.status) >= statusRank(a.status)
  const event: TicketEvent = {
    channel: b.channel,
    sourceTicketId: b.sourceTicketId,
    openedAt: earliest(a.openedAt, b.openedAt),
    firstResponseAt: earliest(a.firstResponseAt, b.firstResponseAt),
    closedAt: latest(a.closedAt, b.closedAt),
    status: laterWins ? b.status : a.status,
    agent: null,
    topic: null,
    segment: null,
    subject: null,
    customerKey: null,
    messageCount: largest(a.messageCount, b.messageCount),
    raw: laterWins ? b.raw : a.raw,
  }
  const fieldRanks = {} as Record<DescriptiveField, number>
  for (const field of DESCRIPTIVE_FIELDS) {
    const takeLater = later.fieldRanks[field] >= earlier.fieldRanks[field] && !isEmpty(b[field])
    const source = takeLater || isEmpty(a[field]) ? later : earlier
    const value = source.event[field]
    Object.assign(event, { [field]: isEmpty(value) ? null : value })
    fieldRanks[field] = source.fieldRanks[field]
  }
  return { event, fieldRanks }
}

/** Merges two records of one ticket, `later` winning ties. */
export function mergeTicketEvents(earlier: TicketEvent, later: TicketEvent): TicketEvent {
  return mergeTicketStates(stateOf(earlier), stateOf(later)).event
}

/** Merges any number of records of one ticket, in the order given (it decides only ties). */
export function mergeTicketRecords(records: readonly TicketEvent[]): TicketEvent {
  const [first, ...rest] = records
  if (!first) throw new RangeError('no records to merge')
  return rest.reduce((state, record) => mergeTicketStates(state, stateOf(record)), stateOf(first))
    .event
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === ''
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
