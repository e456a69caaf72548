import type { Transaction } from 'kysely'
import type { TicketOutput } from '../domain/adapter-output.js'
import type { Channel } from '../domain/channel.js'
import type { Db } from './connect.js'
import { isPostgresJson, postgresJson } from './postgres-text.js'
import type { ImportedFile } from './imports.js'
import type { Database } from './schema.js'

/** A ticket record's raw source: `rawJson`, when the file held it as JSON, is stored as it is. */
type TicketSource = Pick<TicketOutput, 'recordNumber' | 'rawJson'> & {
  event: Pick<TicketOutput['event'], 'channel' | 'sourceTicketId' | 'raw'>
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
    const group = byChannel.get(source.event.channel)
    if (group) group.push(source)
    else byChannel.set(source.event.channel, [source])
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
  for (const { event, recordNumber, rawJson } of group) {
    json += json ? ',[' : '[['
    json += `${JSON.stringify(event.sourceTicketId)},${recordNumber},`
    json += `${rawJson ?? JSON.stringify(event.raw)}]`
  }
  json += ']'
  if (isPostgresJson(json)) return json
  return `[${group
    .map(({ event, recordNumber, rawJson }) =>
      rawJson !== undefined && isPostgresJson(rawJson)
        ? `[${postgresJson(event.sourceTicketId)},${recordNumber},${rawJson}]`
        : postgresJson([event.sourceTicketId, recordNumber, event.raw]),
    )
    .join(',')}]`
}
