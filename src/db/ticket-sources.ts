import type { Transaction } from 'kysely'
import type { Channel } from '../domain/channel.js'
import type { Db } from './connect.js'
import { postgresJson } from './postgres-text.js'
import type { ImportedFile } from './imports.js'
import type { Database } from './schema.js'

export interface TicketSource {
  channel: Channel
  sourceTicketId: string
  recordNumber: number
  raw: Record<string, unknown>
}

/**
 * Keeps a batch's raw source records as one compressed row per channel (the `ticket_source`
 * view unpacks them), keyed by file, adapter version and record range: the same records read
 * again are kept once.
 */
export async function insertTicketSources(
  db: Db | Transaction<Database>,
  file: ImportedFile,
  sources: readonly TicketSource[],
): Promise<void> {
  if (sources.length === 0) return
  const byChannel = new Map<Channel, TicketSource[]>()
  for (const source of sources) {
    const group = byChannel.get(source.channel)
    if (group) group.push(source)
    else byChannel.set(source.channel, [source])
  }
  const rows = [...byChannel].map(([channel, group]) => {
    const records = `[${group
      .map((s) => postgresJson([s.sourceTicketId, s.recordNumber, s.raw]))
      .join(',')}]`
    const range = `${group[0]!.recordNumber}-${group.at(-1)!.recordNumber}`
    return {
      channel,
      batch_key: `${file.fileSha256}/${file.adapterVersion}/${range}`,
      import_id: file.importId,
      record_count: group.length,
      records,
    }
  })
  await db
    .insertInto('ticket_source_batch')
    .values(rows)
    .onConflict((conflict) => conflict.doNothing())
    .execute()
}
