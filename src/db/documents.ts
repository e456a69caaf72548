import { sql, type Transaction } from 'kysely'
import type { DocumentEvent } from '../domain/ticket-event.js'
import type { Db } from './connect.js'
import type { Database } from './schema.js'

export interface DocumentUpsertResult {
  /** Keys (`messageId sha256`) that were new. */
  inserted: Set<string>
  touched: Date[]
}

export const documentKey = (d: Pick<DocumentEvent, 'messageId' | 'sha256'>): string =>
  `${d.messageId} ${d.sha256}`

/** A document is its message plus content hash: the same attachment twice is one document. */
export async function upsertDocuments(
  db: Db | Transaction<Database>,
  importId: number,
  documents: readonly DocumentEvent[],
): Promise<DocumentUpsertResult> {
  if (documents.length === 0) return { inserted: new Set(), touched: [] }
  const { rows } = await sql<{ message_id: string; sha256: string; received_at: Date }>`
    insert into document (message_id, sha256, received_at, sender_domain, file_name, size_bytes, import_id)
    select d.*, ${importId}::bigint from unnest(
      ${documents.map((d) => d.messageId)}::text[], ${documents.map((d) => d.sha256)}::text[],
      ${documents.map((d) => d.receivedAt)}::timestamptz[], ${documents.map((d) => d.senderDomain)}::text[],
      ${documents.map((d) => d.fileName)}::text[], ${documents.map((d) => d.sizeBytes)}::int[]
    ) as d(message_id, sha256, received_at, sender_domain, file_name, size_bytes)
    on conflict do nothing
    returning message_id, sha256, received_at
  `.execute(db)
  return {
    inserted: new Set(rows.map((r) => documentKey({ messageId: r.message_id, sha256: r.sha256 }))),
    touched: rows.map((r) => r.received_at),
  }
}
