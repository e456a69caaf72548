import { compareCodePoints } from './compare-code-points.js'
import type { TicketEvent } from './ticket-event.js'
import { statusRank } from './ticket-status.js'

/** Fields taken from the record that ranks highest among those that have them, not folded by time. */
export const DESCRIPTIVE_FIELDS = ['agent', 'topic', 'segment', 'subject', 'customerKey'] as const
export type DescriptiveField = (typeof DESCRIPTIVE_FIELDS)[number]

/**
 * The record a descriptive field's value came from: its status rank (-1 while the field is
 * empty) and its source activity time (null while empty or when the record has no time).
 */
export interface FieldSource {
  rank: number
  activityAt: Date | null
}
type FieldSources = Readonly<Record<DescriptiveField, FieldSource>>

/**
 * A ticket merged from records, remembering where each descriptive field came from: without
 * that, which value fills a field would depend on the order records arrive in.
 */
export interface TicketState {
  event: TicketEvent
  fieldSources: FieldSources
  /** The record whose raw text the event carries: the same ordering, ties by that text. */
  rawSource: FieldSource
}

/** The source of an empty field. */
export const NO_SOURCE: FieldSource = { rank: -1, activityAt: null }

/** The last thing the record saw happen: closed, else first response, else opened. */
function sourceActivityAt(event: TicketEvent): Date | null {
  return event.closedAt ?? event.firstResponseAt ?? event.openedAt
}

export function stateOf(event: TicketEvent): TicketState {
  const source: FieldSource = {
    rank: statusRank(event.status),
    activityAt: sourceActivityAt(event),
  }
  const fieldSources = {} as Record<DescriptiveField, FieldSource>
  let normalized = event // copied only when a field is empty but not null (most records: none)
  for (const field of DESCRIPTIVE_FIELDS) {
    const empty = isEmpty(event[field])
    fieldSources[field] = empty ? NO_SOURCE : source
    if (empty && event[field] !== null) {
      if (normalized === event) normalized = { ...event }
      Object.assign(normalized, { [field]: null })
    }
  }
  return { event: normalized, fieldSources, rawSource: source }
}

/** Whether two states of a ticket hold the same facts and field sources (raw records aside). */
export function sameTicketFacts(a: TicketState, b: TicketState): boolean {
  const x = a.event
  const y = b.event
  return (
    x.channel === y.channel &&
    x.sourceTicketId === y.sourceTicketId &&
    sameTime(x.openedAt, y.openedAt) &&
    sameTime(x.firstResponseAt, y.firstResponseAt) &&
    sameTime(x.closedAt, y.closedAt) &&
    x.status === y.status &&
    x.messageCount === y.messageCount &&
    DESCRIPTIVE_FIELDS.every(
      (field) =>
        x[field] === y[field] &&
        a.fieldSources[field].rank === b.fieldSources[field].rank &&
        sameTime(a.fieldSources[field].activityAt, b.fieldSources[field].activityAt),
    )
  )
}

const sameTime = (a: Date | null, b: Date | null) => a?.getTime() === b?.getTime()

/**
 * Merges two states of one ticket (formats/README.md, Merging) so that arrival order never
 * matters: earliest opened_at and first_response_at, latest closed_at, highest status rank,
 * largest message_count; each descriptive field from the record with the highest status rank
 * that has it, then the later source activity time, then the greater value by code point.
 * db/tickets.ts does the same in SQL.
 */
export function mergeTicketStates(one: TicketState, other: TicketState): TicketState {
  const a = one.event
  const b = other.event
  const rawWinner =
    (compareSources(one.rawSource, other.rawSource) || compareRaw(a, b)) >= 0 ? one : other
  const event: TicketEvent = {
    channel: a.channel,
    sourceTicketId: a.sourceTicketId,
    openedAt: earliest(a.openedAt, b.openedAt),
    firstResponseAt: earliest(a.firstResponseAt, b.firstResponseAt),
    closedAt: latest(a.closedAt, b.closedAt),
    status: statusRank(b.status) > statusRank(a.status) ? b.status : a.status,
    agent: null,
    topic: null,
    segment: null,
    subject: null,
    customerKey: null,
    messageCount: largest(a.messageCount, b.messageCount),
    raw: rawWinner.event.raw,
  }
  const fieldSources = {} as Record<DescriptiveField, FieldSource>
  for (const field of DESCRIPTIVE_FIELDS) {
    const winner = compareClaims(one, other, field) >= 0 ? one : other
    Object.assign(event, { [field]: winner.event[field] })
    fieldSources[field] = winner.fieldSources[field]
  }
  return { event, fieldSources, rawSource: rawWinner.rawSource }
}

/** Merges two records of one ticket; which one comes first never changes the result. */
export function mergeTicketEvents(one: TicketEvent, other: TicketEvent): TicketEvent {
  return mergeTicketStates(stateOf(one), stateOf(other)).event
}

/** Merges any number of records of one ticket, in any order. */
export function mergeTicketRecords(records: readonly TicketEvent[]): TicketEvent {
  const [first, ...rest] = records
  if (!first) throw new RangeError('no records to merge')
  return rest.reduce((state, record) => mergeTicketStates(state, stateOf(record)), stateOf(first))
    .event
}

/** Orders two claims on a field: status rank, then source activity time, then the value. */
function compareClaims(a: TicketState, b: TicketState, field: DescriptiveField): number {
  return (
    compareSources(a.fieldSources[field], b.fieldSources[field]) ||
    compareCodePoints(a.event[field] ?? '', b.event[field] ?? '')
  )
}

function compareSources(a: FieldSource, b: FieldSource): number {
  return a.rank - b.rank || compareTimes(a.activityAt, b.activityAt)
}

function compareRaw(a: TicketEvent, b: TicketEvent): number {
  return compareCodePoints(JSON.stringify(a.raw), JSON.stringify(b.raw))
}

/** Null (no time) sorts first. */
function compareTimes(a: Date | null, b: Date | null): number {
  return (a?.getTime() ?? -Infinity) - (b?.getTime() ?? -Infinity) || 0
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
