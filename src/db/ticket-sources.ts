import type { Transaction } from 'kysely'
import type { TicketOutput } from '../domain/adapter-output.js'
import type { Channel } from '../domain/channel.js'
import type { Db } from './connect.js'
import { isPostgresJson, postgresJson } from './postgres-text.js'
import type { ImportedFile } from './imports.js'
import type { Database } from './schema.js'
import { Utf8Builder } from './utf8-builder.js'

const LEFT_BRACKET = 0x5b
const COMMA = 0x2c
const RIGHT_BRACKET = 0x5d

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
  /** The records as one JSON array, in UTF-8. */
  json: Uint8Array<ArrayBuffer>
}

/**
 * A batch's raw source records grouped by channel, each group built up as its stored JSON text
 * while the records arrive: a record's objects need not outlive its turn.
 */
export class SourceGroups {
  private readonly byChannel = new Map<
    Channel,
    { first: number; last: number; count: number; json: Utf8Builder }
  >()

  private closed: SourceGroup[] | null = null

  add(source: TicketSource): void {
    if (this.closed) throw new Error('a raw record added after its batch was built')
    const json = recordJson(source) // before anything is kept: it may throw
    const { channel } = source.event
    const { recordNumber } = source
    let group = this.byChannel.get(channel)
    if (!group) {
      group = { first: recordNumber, last: recordNumber, count: 0, json: new Utf8Builder() }
      this.byChannel.set(channel, group)
    }
    group.json.appendAscii(group.count === 0 ? LEFT_BRACKET : COMMA)
    group.json.append(json)
    group.last = recordNumber
    group.count += 1
  }

  /** The groups, each JSON array closed: no record can be added after. */
  groups(): SourceGroup[] {
    this.closed ??= [...this.byChannel].map(([channel, { first, last, count, json }]) => {
      json.appendAscii(RIGHT_BRACKET)
      return { channel, range: `${first}-${last}`, count, json: json.bytes() }
    })
    return this.closed
  }
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
    // Sent as bytes (pg sends a byte array in binary form): Postgres reads a text parameter's
    // binary form as its UTF-8.
    records: json,
  }))
  await db
    .insertInto('ticket_source_batch')
    .values(rows)
    .onConflict((conflict) => conflict.doNothing())
    .execute()
}

/**
 * A record's [source_ticket_id, record_number, raw record] triple as JSON, the raw record as the
 * file's JSON text when it came as such. Checked for what jsonb refuses; only a record that has
 * some is built again, cleaning what needs it.
 */
function recordJson({ event, recordNumber, rawJson }: TicketSource): string {
  const id = event.sourceTicketId
  // One JSON.stringify of the triple: its text is built once, not again around the raw record.
  const json =
    rawJson === undefined
      ? JSON.stringify([id, recordNumber, event.raw])
      : `[${JSON.stringify(id)},${recordNumber},${rawJson}]`
  if (isPostgresJson(json)) return json
  return rawJson !== undefined && isPostgresJson(rawJson)
    ? `[${postgresJson(id)},${recordNumber},${rawJson}]`
    : postgresJson([id, recordNumber, event.raw])
}
