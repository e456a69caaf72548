import type { AdapterOutput, RejectOutput, TicketOutput } from '../domain/adapter-output.js'
import type { DocumentEvent, TicketEvent } from '../domain/ticket-event.js'
import { stageDocumentOutput, stageTicketOutput } from '../domain/stage-output.js'
import { mergeTicketStates, sameTicketFacts, stateOf } from '../domain/merge-ticket.js'
import { postgresFields } from '../db/postgres-text.js'
import { SourceGroups, type SourceGroup } from '../db/ticket-sources.js'
import { coerceError } from '../errors.js'
import { stagedTicketRow, stagedTicketRows, ticketStateOfRow } from '../db/ticket-columns.js'

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
 * plain text and plain data.
 */
export interface PreparedBatch {
  read: number
  skippedByReason: Record<string, number>
  warnings: number
  /** The merged tickets as COPY text for the staging table, one row per ticket. */
  stagedTickets: Uint8Array<ArrayBuffer>
  tickets: TicketTally[]
  /** The raw source records, one group per channel. */
  sources: SourceGroup[]
  documents: DocumentEvent[]
  rejects: RejectOutput[]
}

/** Raw records travel in their source group; a merged ticket keeps none (ticketStateOfRow). */
const NO_RAW: TicketEvent['raw'] = Object.freeze({})

/**
 * A merged ticket as a batch keeps it: its staged row, a string, rather than the objects of its
 * state, which would stay alive (and be copied by every young-generation collection) until the
 * batch is stored.
 */
interface StagedTicket {
  row: string
  /** The status rank of the record whose raw text the ticket carries: the row leaves it out. */
  rawRank: number
  tally: TicketTally
}

/**
 * Builds one batch output by output: stages each for storage (text Postgres accepts, fields
 * within their limits, contacts redacted), merges the records of one ticket as they come, and
 * accounts for every output. What a record leaves behind is its merged ticket and its raw text,
 * not its objects: a batch's records then die young, which is most of what their memory costs.
 */
export class BatchBuilder {
  private read = 0
  private warnings = 0
  private readonly skippedByReason: Record<string, number> = {}
  private readonly merged = new Map<string, StagedTicket>()
  private readonly sources = new SourceGroups()
  private readonly documents: DocumentEvent[] = []
  private readonly rejects: RejectOutput[] = []
  private built = false

  /** The outputs added. */
  get size(): number {
    return this.read
  }

  add(output: AdapterOutput): void {
    if (this.built) throw new Error('an output added after its batch was built')
    this.read += 1
    try {
      this.addOutput(output)
    } catch (thrown) {
      // An output no column can hold (an adapter's bug) is one bad record, not a failed file.
      this.rejects.push(unstageable(output, thrown))
    }
  }

  private addOutput(output: AdapterOutput): void {
    if (output.kind === 'ticket') {
      const event = postgresFields(output.event)
      const staged = stageTicketOutput(event === output.event ? output : { ...output, event })
      if (staged.kind === 'ticket') this.addTicket(staged)
      else this.rejects.push(staged)
    } else if (output.kind === 'document') {
      const staged = stageDocumentOutput({ ...output, document: postgresFields(output.document) })
      if (staged.kind === 'document') this.documents.push(staged.document)
      else this.rejects.push(staged)
    } else if (output.kind === 'reject') this.rejects.push(output)
    else this.skip(output.reason)
  }

  /** The batch of the outputs added. */
  build(): PreparedBatch {
    this.built = true
    const entries = [...this.merged.values()]
    return {
      read: this.read,
      skippedByReason: this.skippedByReason,
      warnings: this.warnings,
      stagedTickets: stagedTicketRows(entries.map((entry) => entry.row)),
      tickets: entries.map((entry) => entry.tally),
      sources: this.sources.groups(),
      documents: this.documents,
      rejects: this.rejects,
    }
  }

  /** Folds a ticket record into its ticket, in file order, tallying how it will count. */
  private addTicket(output: TicketOutput): void {
    const { event, skipReason } = output
    const id = event.sourceTicketId
    const entry = this.merged.get(id)
    // What may throw comes first: a record that cannot be staged leaves the batch as it was.
    // A repeat is merged with a ticket read back without its raw record, so it leaves its own.
    const incoming = stateOf(entry ? { ...event, raw: NO_RAW } : event)
    const before = entry && ticketStateOfRow(entry.row, entry.rawRank)
    const merged = before ? mergeTicketStates(before, incoming) : incoming
    const row = stagedTicketRow(merged)
    this.sources.add(output)
    this.warnings += output.warnings?.length ?? 0
    if (!entry) {
      this.merged.set(id, {
        row,
        rawRank: merged.rawSource.rank,
        tally: { sourceTicketId: id, counted: skipReason ? 0 : 1, changedRepeats: 0 },
      })
    } else {
      entry.row = row
      entry.rawRank = merged.rawSource.rank
      if (!skipReason) {
        entry.tally.counted += 1
        // The first counted record takes the ticket's outcome; only a later one is a repeat.
        if (entry.tally.counted > 1 && !sameTicketFacts(before!, merged)) {
          entry.tally.changedRepeats += 1
        }
      }
    }
    if (skipReason) this.skip(skipReason)
  }

  private skip(reason: string): void {
    this.skippedByReason[reason] = (this.skippedByReason[reason] ?? 0) + 1
  }
}

/** The reject of an output that could not be staged, with what it held as its raw text. */
function unstageable(output: AdapterOutput, thrown: unknown): RejectOutput {
  const { recordNumber } = output
  const reason = `could not be staged: ${coerceError(thrown).message}`
  if (output.kind === 'reject') return { ...output, reason }
  let raw = ''
  try {
    raw = output.kind === 'ticket' ? (output.rawJson ?? JSON.stringify(output.event.raw)) : ''
  } catch {
    // A raw record that cannot be written out either: the reason stands alone.
  }
  return { kind: 'reject', recordNumber, reason, raw }
}

/** One batch of the given outputs (BatchBuilder). */
export function prepareBatch(outputs: readonly AdapterOutput[]): PreparedBatch {
  const builder = new BatchBuilder()
  for (const output of outputs) builder.add(output)
  return builder.build()
}
