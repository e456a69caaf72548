import type { Transaction } from 'kysely'
import type { Channel } from '../domain/channel.js'
import { emptyCounts, type ImportCounts } from '../domain/import-counts.js'
import type { Db } from './connect.js'
import { postgresJson } from './postgres-text.js'
import type { Database, ImportRow } from './schema.js'

export interface ImportStart {
  importId: number
  /** Outputs already committed by an earlier attempt of the same job; skip that many. */
  checkpoint: number
  counts: ImportCounts
}

/**
 * Opens the import of a file, or resumes the one an earlier attempt of the same job left
 * running, so that a retried job neither loses nor double-counts a record.
 */
export async function startImport(
  db: Db,
  file: { channel: Channel; path: string; sha256: string; jobId: string; adapterVersion: string },
): Promise<ImportStart> {
  const running = await db
    .selectFrom('import')
    .selectAll()
    .where('job_id', '=', file.jobId)
    .where('status', '=', 'running')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  if (running && running.adapter_version === file.adapterVersion) {
    return { importId: running.id, checkpoint: running.checkpoint, counts: countsOf(running) }
  }
  if (running) await failImport(db, running.id, 'superseded: the adapter changed before the retry')
  const created = await db
    .insertInto('import')
    .values({
      channel: file.channel,
      path: file.path,
      sha256: file.sha256,
      job_id: file.jobId,
      adapter_version: file.adapterVersion,
      status: 'running',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { importId: created.id, checkpoint: 0, counts: emptyCounts() }
}

/** Saves running totals and the checkpoint in the batch's own transaction. */
/** What identifies the records an import reads: the file's content and the adapter reading it. */
export interface ImportedFile {
  importId: number
  fileSha256: string
  adapterVersion: string
}

export async function saveImportProgress(
  trx: Db | Transaction<Database>,
  importId: number,
  counts: ImportCounts,
  checkpoint: number,
): Promise<void> {
  await trx
    .updateTable('import')
    .set({ ...columnsOf(counts), checkpoint })
    .where('id', '=', importId)
    .execute()
}

export async function finishImport(
  db: Db,
  importId: number,
  notes: readonly string[] = [],
): Promise<void> {
  await db
    .updateTable('import')
    .set({ status: 'succeeded', finished_at: new Date(), error: null, notes: [...notes] })
    .where('id', '=', importId)
    .execute()
}

/** Ends an import as failed; notes, when given, replace the ones kept so far. */
export async function failImport(
  db: Db,
  importId: number,
  error: string,
  notes?: readonly string[],
): Promise<void> {
  await db
    .updateTable('import')
    .set({
      status: 'failed',
      finished_at: new Date(),
      error,
      ...(notes && { notes: [...notes] }),
    })
    .where('id', '=', importId)
    .execute()
}

/**
 * Fails the imports still `running` for a job that will not run again: its last attempt failed,
 * or it is gone from the queue (`isLive` says whether a job id is still active, waiting or
 * delayed). Returns the ids of the imports it failed.
 */
export async function failOrphanedImports(
  db: Db,
  isLive: (jobId: string) => Promise<boolean>,
  reason: string,
): Promise<number[]> {
  const running = await db
    .selectFrom('import')
    .select(['id', 'job_id'])
    .where('status', '=', 'running')
    .execute()
  const failed: number[] = []
  for (const row of running) {
    if (row.job_id !== null && (await isLive(row.job_id))) continue
    await failImport(db, row.id, reason)
    failed.push(row.id)
  }
  return failed
}

/** Fails the running import of a job whose last attempt failed. */
export async function failRunningImportOfJob(db: Db, jobId: string, error: string): Promise<void> {
  await db
    .updateTable('import')
    .set({ status: 'failed', finished_at: new Date(), error })
    .where('job_id', '=', jobId)
    .where('status', '=', 'running')
    .execute()
}

/** The latest succeeded import of this content read by this adapter version, if any. */
export async function findSucceededImport(
  db: Db,
  file: { channel: Channel; sha256: string; adapterVersion: string },
): Promise<ImportRow | undefined> {
  return db
    .selectFrom('import')
    .selectAll()
    .where('channel', '=', file.channel)
    .where('sha256', '=', file.sha256)
    .where('adapter_version', '=', file.adapterVersion)
    .where('status', '=', 'succeeded')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/**
 * The latest import of a job, or, for an import without a job id, of the same content in the
 * same channel: what a failed file loaded before it stopped.
 */
export async function findLatestImportOfJob(
  db: Db,
  file: { jobId: string; channel: Channel; sha256: string },
): Promise<ImportRow | undefined> {
  return db
    .selectFrom('import')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('job_id', '=', file.jobId),
        eb.and([
          eb('job_id', 'is', null),
          eb('channel', '=', file.channel),
          eb('sha256', '=', file.sha256),
        ]),
      ]),
    )
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/**
 * Marks the failed imports of a file name (earlier than the given succeeded import, not yet
 * replaced) as superseded by it; returns their ids and jobs.
 */
export async function supersedeFailedImports(
  db: Db,
  file: { path: string; importId: number },
): Promise<{ id: number; jobId: string | null }[]> {
  const rows = await db
    .updateTable('import')
    .set({ superseded_by: file.importId })
    .where('path', '=', file.path)
    .where('status', '=', 'failed')
    .where('id', '<', file.importId)
    .where('superseded_by', 'is', null)
    .returning(['id', 'job_id'])
    .execute()
  return rows.map((row) => ({ id: row.id, jobId: row.job_id }))
}

/**
 * Whether Postgres still needs a spooled content: an import of it is running, or one succeeded
 * within the retention (after `keepSince`).
 */
export async function importsNeedContent(
  db: Db,
  sha256: string,
  keepSince: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('import')
    .select('id')
    .where('sha256', '=', sha256)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'running'),
        eb.and([eb('status', '=', 'succeeded'), eb('finished_at', '>', keepSince)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** The file of each import id given. */
export async function importPaths(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('import').select(['id', 'path']).where('id', 'in', ids).execute()
  return new Map(rows.map((row) => [row.id, row.path]))
}

export async function listRecentImports(db: Db, limit: number): Promise<ImportRow[]> {
  return db.selectFrom('import').selectAll().orderBy('id', 'desc').limit(limit).execute()
}

export function countsOf(row: ImportRow): ImportCounts {
  return {
    read: row.records_read,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    skipped: row.skipped,
    rejected: row.rejected,
    warnings: row.warnings,
    skippedByReason: row.skipped_by_reason,
  }
}

function columnsOf(counts: ImportCounts) {
  return {
    records_read: counts.read,
    inserted: counts.inserted,
    updated: counts.updated,
    unchanged: counts.unchanged,
    skipped: counts.skipped,
    rejected: counts.rejected,
    warnings: counts.warnings,
    skipped_by_reason: postgresJson(counts.skippedByReason),
  }
}
