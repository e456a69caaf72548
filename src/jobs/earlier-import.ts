import { adapterFor } from '../adapters/registry.js'
import type { Db } from '../db/connect.js'
import { countsOf, findSucceededImport } from '../db/imports.js'
import type { ImportRow } from '../db/schema.js'
import type { IngestPayload, IngestResult } from '../queue/catalog.js'

/** A succeeded import of the same content by the current adapter, in this database. */
export interface EarlierImport {
  importId: number
  finishedAt: Date | null
  result: IngestResult
}

/**
 * Postgres, not Redis, is the record of what was ingested: the import table of *this* database
 * says whether a file's content (read by the adapter version of today) is already loaded.
 * A forced payload never has one.
 */
export async function findEarlierImport(
  db: Db,
  payload: IngestPayload,
): Promise<EarlierImport | null> {
  if (payload.force) return null
  const row = await findSucceededImport(db, {
    channel: payload.channel,
    sha256: payload.sha256,
    adapterVersion: adapterFor(payload.channel).version,
  })
  return row ? earlierImportOf(row) : null
}

/** The job-side check: the result of the earlier import, so the job loads nothing twice. */
export async function earlierIngestResult(
  db: Db,
  payload: IngestPayload,
): Promise<IngestResult | null> {
  return (await findEarlierImport(db, payload))?.result ?? null
}

function earlierImportOf(row: ImportRow): EarlierImport {
  return {
    importId: row.id,
    finishedAt: row.finished_at,
    result: { importId: row.id, ...countsOf(row), months: [] },
  }
}
