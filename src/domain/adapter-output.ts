import type { DocumentEvent, TicketEvent } from './ticket-event.js'
import type { SkipReason } from './skip-reason.js'

/**
 * What an adapter yields: exactly one output per accounted record, so that
 * read = inserted + updated + unchanged + skipped + rejected holds for every file.
 * `recordNumber` is the 1-based record (CSV row after the header, line, message, chat).
 */
export type AdapterOutput = TicketOutput | DocumentOutput | RejectOutput | SkipOutput

export interface TicketOutput {
  kind: 'ticket'
  recordNumber: number
  event: TicketEvent
  /** Set when the record adds to a ticket but counts as skipped (an email agent reply). */
  skipReason?: SkipReason
  /** Optional fields that did not parse and were left empty. */
  warnings?: string[]
  /**
   * `event.raw` as JSON text, when the file holds the record as JSON (an NDJSON line, a chat of
   * a JSON page): the raw record is stored from it instead of being serialized again.
   */
  rawJson?: string
}

export interface DocumentOutput {
  kind: 'document'
  recordNumber: number
  document: DocumentEvent
}

export interface RejectOutput {
  kind: 'reject'
  recordNumber: number
  reason: string
  raw: string
}

interface SkipOutput {
  kind: 'skip'
  recordNumber: number
  reason: SkipReason
}
