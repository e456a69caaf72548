import { emptyCounts, type ImportCounts } from '../domain/import-counts.js'
import { toWibMonth } from '../domain/wib-month.js'
import { documentKey, upsertDocuments } from '../db/documents.js'
import { insertRejects } from '../db/rejects.js'
import { markMonthsPending } from '../db/rollup-pending.js'
import type { ClientTransaction } from '../db/connect.js'
import type { ImportedFile } from '../db/imports.js'
import { insertTicketSources } from '../db/ticket-sources.js'
import { upsertTickets } from '../db/tickets.js'
import type { PreparedBatch } from './prepare-batch.js'

export interface BatchResult {
  counts: ImportCounts
  months: string[]
}

/**
 * Stores one prepared batch in the caller's transaction and accounts for every record: the
 * records of a merged ticket count by its tally (prepare-batch.ts), documents as inserted or
 * unchanged, rejects and skips as such. A re-ingested file therefore reports everything unchanged.
 */
export async function storeBatch(
  trx: ClientTransaction,
  file: ImportedFile,
  batch: PreparedBatch,
): Promise<BatchResult> {
  const counts = emptyCounts()
  counts.read = batch.read
  counts.rejected = batch.rejects.length
  counts.warnings = batch.warnings
  counts.skippedByReason = batch.skippedByReason
  counts.skipped = Object.values(batch.skippedByReason).reduce((sum, n) => sum + n, 0)

  const ticketResult = await upsertTickets(trx, file, batch.stagedTickets)
  for (const { sourceTicketId, counted, changedRepeats } of batch.tickets) {
    if (counted === 0) continue
    const outcome = ticketResult.outcomes.get(sourceTicketId) ?? 'unchanged'
    counts[outcome] += 1
    const changed = outcome === 'unchanged' ? 0 : changedRepeats
    counts.updated += changed
    counts.unchanged += counted - 1 - changed
  }
  await insertTicketSources(trx.db, file, batch.sources)

  const documentResult = await upsertDocuments(trx.db, file.importId, batch.documents)
  for (const document of batch.documents) {
    if (documentResult.inserted.delete(documentKey(document))) counts.inserted += 1
    else counts.unchanged += 1
  }

  await insertRejects(trx.db, file.importId, batch.rejects)
  const months = await markMonthsPending(trx.db, [
    ...ticketResult.months,
    ...documentResult.touched.map(toWibMonth),
  ])
  return { counts, months }
}
