import type { AdapterOutput, RejectOutput, TicketOutput } from '../domain/adapter-output.js'
import type { DocumentEvent } from '../domain/ticket-event.js'
import { stageDocumentOutput, stageTicketOutput } from '../domain/stage-output.js'
import {
  mergeTicketStates,
  sameTicketFacts,
  stateOf,
  type TicketState,
} from '../domain/merge-ticket.js'
import { postgresFields } from '../db/postgres-text.js'
import { sourceGroups, type SourceGroup } from '../db/ticket-sources.js'
import { stagedTicketsText } from '../db/ticket-columns.js'

/**
 * How the records of one merged ticket count once the database says what happened to it: the
 * first of them that is not skipped takes the outcome (inserted, updated, unchanged); each later
 * one counts as updated when it changed the merged ticket and the ticket changed, else unchanged.
 */
interface TicketTally {
  sourceTicketId: string
  /** Its records that are not skipped. */
  counted: number
  /** Of those after the first, how many changed the merged ticket. */
  changedRepeats: number
}

/**
 * A batch of adapter outputs turned into what the database is sent, with no database at hand:
 * plain text and plain data, so that it can be built on another thread and passed on cheaply.
 */
export interface PreparedBatch {
  read: number
  skippedByReason: Record<string, number>
  warnings: number
  /** The merged tickets as COPY text for the staging table, one row per ticket. */
  stagedTickets: string
  tickets: TicketTally[]
  /** The raw source records, one group per channel. */
  sources: SourceGroup[]
  documents: DocumentEvent[]
  rejects: RejectOutput[]
}

/**
 * Stages each output for storage (text Postgres accepts, fields within their limits, contacts
 * redacted), merges the records of one ticket, and accounts for every output.
 */
export function prepareBatch(outputs: readonly AdapterOutput[]): PreparedBatch {
  const skippedByReason: Record<string, number> = {}
  const skip = (reason: string) => {
    skippedByReason[reason] = (skippedByReason[reason] ?? 0) + 1
  }
  const tickets: TicketOutput[] = []
  const documents: DocumentEvent[] = []
  const rejects: RejectOutput[] = []
  for (const output of outputs) {
    if (output.kind === 'ticket') {
      const event = postgresFields(output.event)
      const staged = stageTicketOutput(event === output.event ? output : { ...output, event })
      if (staged.kind === 'ticket') tickets.push(staged)
      else rejects.push(staged)
    } else if (output.kind === 'document') {
      const staged = stageDocumentOutput({ ...output, document: postgresFields(output.document) })
      if (staged.kind === 'document') documents.push(staged.document)
      else rejects.push(staged)
    } else if (output.kind === 'reject') rejects.push(output)
    else skip(output.reason)
  }
  const { states, tallies } = mergeByTicket(tickets, skip)
  return {
    read: outputs.length,
    skippedByReason,
    warnings: tickets.reduce((sum, t) => sum + (t.warnings?.length ?? 0), 0),
    stagedTickets: stagedTicketsText(states),
    tickets: tallies,
    sources: sourceGroups(tickets),
    documents,
    rejects,
  }
}

/** Folds the records of one ticket together, in file order, tallying how each will count. */
function mergeByTicket(
  tickets: readonly TicketOutput[],
  skip: (reason: string) => void,
): { states: TicketState[]; tallies: TicketTally[] } {
  const merged = new Map<string, { state: TicketState; tally: TicketTally }>()
  for (const { event, skipReason } of tickets) {
    const id = event.sourceTicketId
    const entry = merged.get(id)
    const incoming = stateOf(event)
    if (!entry) {
      merged.set(id, {
        state: incoming,
        tally: { sourceTicketId: id, counted: skipReason ? 0 : 1, changedRepeats: 0 },
      })
    } else {
      const before = entry.state
      entry.state = mergeTicketStates(before, incoming)
      if (!skipReason) {
        entry.tally.counted += 1
        // The first counted record takes the ticket's outcome; only a later one is a repeat.
        if (entry.tally.counted > 1 && !sameTicketFacts(before, entry.state)) {
          entry.tally.changedRepeats += 1
        }
      }
    }
    if (skipReason) skip(skipReason)
  }
  const entries = [...merged.values()]
  return { states: entries.map((e) => e.state), tallies: entries.map((e) => e.tally) }
}
