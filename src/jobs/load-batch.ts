import type {
  AdapterOutput,
  DocumentOutput,
  RejectOutput,
  TicketOutput,
} from '../domain/adapter-output.js'
import { emptyCounts, type ImportCounts } from '../domain/import-counts.js'
import { stageDocumentOutput, stageTicketOutput } from '../domain/stage-output.js'
import {
  mergeTicketStates,
  sameTicketFacts,
  stateOf,
  type TicketState,
} from '../domain/merge-ticket.js'
import { documentKey, upsertDocuments } from '../db/documents.js'
import { postgresFields } from '../db/postgres-text.js'
import { insertRejects } from '../db/rejects.js'
import { markMonthsPending } from '../db/rollup-pending.js'
import type { ClientTransaction } from '../db/connect.js'
import type { ImportedFile } from '../db/imports.js'
import { insertTicketSources } from '../db/ticket-sources.js'
import { upsertTickets } from '../db/tickets.js'

export interface BatchResult {
  counts: ImportCounts
  months: string[]
}

/**
 * Loads one batch of adapter outputs in the caller's transaction and accounts for every one.
 * Records of one ticket in the batch merge first; the first of them gets the database outcome
 * (inserted/updated/unchanged) and each later one counts as updated when it changed the merged
 * ticket. A re-ingested file therefore reports everything unchanged.
 */
export async function loadBatch(
  trx: ClientTransaction,
  file: ImportedFile,
  outputs: readonly AdapterOutput[],
): Promise<BatchResult> {
  const counts = emptyCounts()
  counts.read = outputs.length
  const skip = (reason: string) => {
    counts.skipped += 1
    counts.skippedByReason[reason] = (counts.skippedByReason[reason] ?? 0) + 1
  }
  const tickets: TicketOutput[] = []
  const documents: DocumentOutput[] = []
  const rejects: RejectOutput[] = []
  for (const output of outputs) {
    if (output.kind === 'ticket') {
      const event = postgresFields(output.event)
      const staged = stageTicketOutput(event === output.event ? output : { ...output, event })
      if (staged.kind === 'ticket') tickets.push(staged)
      else rejects.push(staged)
    } else if (output.kind === 'document') {
      const staged = stageDocumentOutput({ ...output, document: postgresFields(output.document) })
      if (staged.kind === 'document') documents.push(staged)
      else rejects.push(staged)
    } else if (output.kind === 'reject') rejects.push(output)
    else skip(output.reason)
  }
  counts.rejected = rejects.length
  counts.warnings = tickets.reduce((sum, t) => sum + (t.warnings?.length ?? 0), 0)

  const { merged, changedMerge } = mergeByTicket(tickets)
  const ticketResult = await upsertTickets(trx, file, [...merged.values()])
  const leads = new Set<string>()
  tickets.forEach((output, index) => {
    if (output.skipReason) return skip(output.skipReason)
    const id = output.event.sourceTicketId
    const outcome = ticketResult.outcomes.get(id) ?? 'unchanged'
    if (!leads.has(id)) {
      leads.add(id)
      counts[outcome] += 1
    } else if (outcome !== 'unchanged' && changedMerge[index]) counts.updated += 1
    else counts.unchanged += 1
  })
  await insertTicketSources(
    trx.db,
    file,
    tickets.map(({ recordNumber, event, rawJson }) => ({
      channel: event.channel,
      sourceTicketId: event.sourceTicketId,
      recordNumber,
      raw: event.raw,
      rawJson,
    })),
  )

  const documentResult = await upsertDocuments(
    trx.db,
    file.importId,
    documents.map((d) => d.document),
  )
  for (const { document } of documents) {
    const key = documentKey(document)
    if (documentResult.inserted.delete(key)) counts.inserted += 1
    else counts.unchanged += 1
  }

  await insertRejects(trx.db, file.importId, rejects)
  const months = await markMonthsPending(trx.db, [
    ...ticketResult.touched,
    ...documentResult.touched,
  ])
  return { counts, months }
}

/** Folds records of one ticket together; changedMerge[i] tells whether record i changed it. */
function mergeByTicket(tickets: readonly TicketOutput[]): {
  merged: Map<string, TicketState>
  changedMerge: boolean[]
} {
  const merged = new Map<string, TicketState>()
  const changedMerge = tickets.map(({ event }) => {
    const before = merged.get(event.sourceTicketId)
    const after = before ? mergeTicketStates(before, stateOf(event)) : stateOf(event)
    merged.set(event.sourceTicketId, after)
    return !before || !sameTicketFacts(before, after)
  })
  return { merged, changedMerge }
}
