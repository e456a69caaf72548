import type { Channel } from './channel.js'
import type { Segment } from './segment.js'
import type { TicketStatus } from './ticket-status.js'

/**
 * One source record's view of a ticket, normalized. Several events of one ticket
 * (same channel and sourceTicketId) merge by the rules in merge-ticket.ts.
 */
export interface TicketEvent {
  channel: Channel
  /** Text exactly as the format page defines it (a Message-ID without brackets, a UCID, …). */
  sourceTicketId: string
  /** Null only for records that add to a ticket without opening it (an email agent reply). */
  openedAt: Date | null
  firstResponseAt: Date | null
  closedAt: Date | null
  status: TicketStatus
  agent: string | null
  topic: string | null
  /** Null when the export says nothing; reports count it as `lainnya`. */
  segment: Segment | null
  subject: string | null
  /** Keyed hash of the phone number or email address; never the raw contact. */
  customerKey: string | null
  messageCount: number | null
  /** The source record as read (header → value), kept for re-deriving facts. */
  raw: Record<string, unknown>
}

/** One attachment received by the Email Lapor inbox. */
export interface DocumentEvent {
  messageId: string
  receivedAt: Date
  senderDomain: string | null
  fileName: string
  sizeBytes: number
  sha256: string
}
