import { sql, type Transaction } from 'kysely'
import type { RejectOutput } from '../domain/adapter-output.js'
import type { Db } from './connect.js'
import type { Database, RejectRow } from './schema.js'

export async function insertRejects(
  db: Db | Transaction<Database>,
  importId: number,
  rejects: readonly RejectOutput[],
): Promise<void> {
  if (rejects.length === 0) return
  await sql`
    insert into reject (import_id, record_number, reason, raw)
    select ${importId}::bigint, * from unnest(
      ${rejects.map((r) => r.recordNumber)}::int[], ${rejects.map((r) => r.reason)}::text[], ${rejects.map((r) => r.raw)}::text[])
  `.execute(db)
}

export async function listRejects(
  db: Db,
  filter: { importId?: number; limit: number },
): Promise<RejectRow[]> {
  let query = db.selectFrom('reject').selectAll().orderBy('id', 'desc').limit(filter.limit)
  if (filter.importId !== undefined) query = query.where('import_id', '=', filter.importId)
  return query.execute()
}
