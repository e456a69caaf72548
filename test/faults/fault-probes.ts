import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import type { Db } from '../../src/db/connect.js'
import type { ImportRow } from '../../src/db/schema.js'
import { hashFile } from '../support/hash-file.js'
import { writeExport } from '../../bench/write-export.js'

export interface LargeExport {
  path: string
  sha256: string
  tickets: number
}

/** A Sociomile export of `tickets` distinct tickets (revision 1 of them is the later export). */
export async function writeLargeExport(
  tickets: number,
  revision: 0 | 1 = 0,
  first = 0,
): Promise<LargeExport> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dering-fault-'))
  const file = path.join(dir, `sociomile-r${revision}.csv`)
  await writeExport(file, { channel: 'whatsapp', first, count: tickets, revision })
  return { path: file, sha256: await hashFile(file), tickets }
}

export async function countRows(
  db: Db,
  table: 'ticket' | 'ticket_source' | 'reject' | 'import',
): Promise<number> {
  const { rows } = await sql<{
    n: number
  }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)
  return rows[0]!.n
}

/** Empties what ingests write, so the next case starts from no imports, tickets or rejects. */
export async function clearIngested(db: Db): Promise<void> {
  for (const table of [
    'ticket_source_batch',
    'ticket',
    'reject',
    'rollup_pending',
    'import',
  ] as const) {
    await db.deleteFrom(table).execute()
  }
}

export function importsOf(db: Db): Promise<ImportRow[]> {
  return db.selectFrom('import').selectAll().orderBy('id').execute()
}

/** The running import's checkpoint: how many records its committed batches hold. */
export async function committedRecords(db: Db): Promise<number> {
  const row = await db
    .selectFrom('import')
    .select('checkpoint')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return row?.checkpoint ?? 0
}
