import { createHash } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import type { Channel } from '../domain/channel.js'
import type { Db } from './connect.js'
import type { Database } from './schema.js'

export interface TicketSource {
  channel: Channel
  sourceTicketId: string
  recordNumber: number
  raw: Record<string, unknown>
}

/** Keeps each distinct source record once, however often its file is ingested. */
export async function insertTicketSources(
  db: Db | Transaction<Database>,
  importId: number,
  sources: readonly TicketSource[],
): Promise<void> {
  if (sources.length === 0) return
  const json = sources.map((s) => JSON.stringify(s.raw))
  const hashes = json.map((text) => createHash('sha1').update(text).digest('hex'))
  await sql`
    insert into ticket_source (channel, source_ticket_id, record_hash, import_id, record_number, raw)
    select channel, source_ticket_id, record_hash, ${importId}::bigint, record_number, raw::jsonb
    from unnest(${sources.map((s) => s.channel)}::text[], ${sources.map((s) => s.sourceTicketId)}::text[],
                ${hashes}::text[], ${sources.map((s) => s.recordNumber)}::int[], ${json}::text[])
      as s(channel, source_ticket_id, record_hash, record_number, raw)
    on conflict do nothing
  `.execute(db)
}
