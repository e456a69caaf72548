import type { Transaction } from 'kysely'
import type { Channel } from '../domain/channel.js'
import type { Db } from './connect.js'
import { isPostgresJson, postgresJson } from './postgres-text.js'
import type { ImportedFile } from './imports.js'
import type { Database } from './schema.js'

export interface TicketSource {
  channel: Channel
  sourceTicketId: string
  recordNumber: number
  raw: Record<string, unknown>
  /** `raw` as the JSON text the file held, when it did: stored as it is, not serialized again. */
  rawJson?: string
}

/** A batch's raw records of one channel as the JSON text of one `ticket_source_batch` row. */
export interface SourceGroup {
  channel: Channel
  /** The first and last record numbers, the row's record range. */
  range: string
  count: number
  json: string
}

/** A batch's raw source records grouped by channel, each group as its stored JSON text. */
export function sourceGroups(sources: readonly TicketSource[]): SourceGroup[] {
  const byChannel = new Map<Channel, TicketSource[]>()
  for (const source of sources) {
    const group = byChannel.get(source.channel)
    if (group) group.push(source)
    else byChannel.set(source.channel, [source])
  }
  return [...byChannel].map(([channel, group]) => ({
    channel,
    range: `${group[0]!.recordNumber}-${group.at(-1)!.recordNumber}`,
    count: group.length,
    json: recordsJson(group),
  }))
}

/**
 * Keeps a batch's raw source records as one compressed row per channel (the `ticket_source`
 * view unpacks them), keyed by file, adapter version and record range: the same records read
 * again are kept once.
 */
export async function insertTicketSources(
  db: Db | Transaction<Database>,
  file: ImportedFile,
  groups: readonly SourceGroup[],
): Promise<void> {
  if (groups.length === 0) return
  const rows = groups.map(({ channel, range, count, json }) => ({
    channel,
    batch_key: `${file.fileSha256}/${file.adapterVersion}/${range}`,
    import_id: file.importId,
    record_count: count,
    records: json,
  }))
  await db
    .insertInto('ticket_source_batch')
    .values(rows)
    .onConflict((conflict) => conflict.doNothing())
    .execute()
}

/**
 * The group's [source_ticket_id, record_number, raw record] triples as one JSON array, each raw
 * record as the file's JSON text when it came as such. Checked for what jsonb refuses once, as a
 * whole; only a batch that has some is built again record by record, cleaning what needs it.
 */
function recordsJson(group: readonly TicketSource[]): string {
  let json = ''
  for (const { sourceTicketId, recordNumber, raw, rawJson } of group) {
    json += json ? ',' : '['
    json +=
      rawJson === undefined
        ? JSON.stringify([sourceTicketId, recordNumber, raw])
        : `[${JSON.stringify(sourceTicketId)},${recordNumber},${rawJson}]`
  }
  json += ']'
  if (isPostgresJson(json)) return json
  return `[${group
    .map(({ sourceTicketId, recordNumber, raw, rawJson }) =>
      rawJson !== undefined && isPostgresJson(rawJson)
        ? `[${postgresJson(sourceTicketId)},${recordNumber},${rawJson}]`
        : postgresJson([sourceTicketId, recordNumber, raw]),
    )
    .join(',')}]`
}
