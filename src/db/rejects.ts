import { sql, type Transaction } from 'kysely'
import type { RejectOutput } from '../domain/adapter-output.js'
import type { Db } from './connect.js'
import { postgresRawText } from './postgres-text.js'
import type { Database, RejectRow } from './schema.js'

/** Quarantines records: reasons cleaned as every text is, raw text with its odd characters escaped. */
export async function insertRejects(
  db: Db | Transaction<Database>,
  importId: number,
  rejects: readonly RejectOutput[],
): Promise<void> {
  if (rejects.length === 0) return
  await sql`
    insert into reject (import_id, record_number, reason, raw)
    select ${importId}::bigint, * from unnest(
      ${rejects.map((r) => r.recordNumber)}::int[], ${rejects.map((r) => r.reason)}::text[], ${rejects.map((r) => postgresRawText(r.raw))}::text[])
  `.execute(db)
}

/** A listed reject: its raw text cut to the listing's length, with the full length. */
export type ListedReject = RejectRow & { raw_length: number }

/**
 * The newest rejects, each raw text cut to `rawChars` in Postgres: a listing never loads whole
 * records (up to MAX_RECORD_BYTES each); `rejectRaw` reads one in full.
 */
export async function listRejects(
  db: Db,
  filter: { importId?: number; limit: number; rawChars: number },
): Promise<ListedReject[]> {
  let query = db
    .selectFrom('reject')
    .select(['id', 'import_id', 'record_number', 'reason'])
    .select(sql<string>`left(raw, ${filter.rawChars})`.as('raw'))
    .select(sql<number>`length(raw)`.as('raw_length'))
    .orderBy('id', 'desc')
    .limit(filter.limit)
  if (filter.importId !== undefined) query = query.where('import_id', '=', filter.importId)
  return query.execute()
}

/** The whole raw text of one reject, if it exists. */
export async function rejectRaw(db: Db, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('reject').select('raw').where('id', '=', id).executeTakeFirst()
  return row?.raw
}
