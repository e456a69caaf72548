import { createReadStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import copyStreams from 'pg-copy-streams'
import { createCustomerKeyer } from '../src/domain/contact.js'
import { statusRank } from '../src/domain/ticket-status.js'
import { BENCH_CUSTOMER_KEY_SECRET } from './measure-ingest.js'
import { benchTicket, type BenchChannel, type BenchTicket } from './bench-ticket.js'

const COLUMNS =
  'channel, source_ticket_id, opened_at, first_response_at, closed_at, status, status_rank, agent, topic, ' +
  'segment, subject, customer_key, message_count, import_id, adapter_version'

/**
 * The limit the pipeline is measured against: the same tickets, already normalized (written to
 * `rowsFile` first, so that making them is not timed), sent with one COPY into a fresh copy of
 * the fact table with its primary key and indexes.
 */
export async function copyBaseline(
  url: string,
  counts: Readonly<Record<BenchChannel, number>>,
  rowsFile: string,
): Promise<number> {
  await writeFile(rowsFile, normalizedRows(counts))
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('create table ticket_copy (like ticket including all)')
    const started = performance.now()
    await pipeline(
      createReadStream(rowsFile),
      client.query(copyStreams.from(`copy ticket_copy (${COLUMNS}) from stdin`)),
    )
    return (performance.now() - started) / 1000
  } finally {
    await client.end()
  }
}

const keyer = createCustomerKeyer(BENCH_CUSTOMER_KEY_SECRET)
const text = (value: string | null) => (value === null ? '\\N' : value.replace(/[\\\t\n\r]/g, ' '))
const instant = (date: Date | null) => (date ? date.toISOString() : '\\N')

/** Tab-separated COPY lines, ~1 MB at a time, generated as they are sent. */
function* normalizedRows(counts: Readonly<Record<BenchChannel, number>>): Generator<string> {
  let chunk = ''
  for (const [channel, count] of Object.entries(counts) as [BenchChannel, number][]) {
    for (let index = 0; index < count; index += 1) {
      chunk += rowOf(benchTicket(channel, index, 0))
      if (chunk.length >= 1 << 20) {
        yield chunk
        chunk = ''
      }
    }
  }
  if (chunk) yield chunk
}

/** The row the channel's adapter makes of the ticket (a CDR record has no topic or segment). */
function rowOf(t: BenchTicket): string {
  const phone = t.channel === 'phone'
  const status = t.channel === 'livechat' && t.status === 'pending' ? 'open' : t.status
  return (
    [
      t.channel,
      t.sourceTicketId,
      instant(t.openedAt),
      instant(t.firstResponseAt),
      instant(t.closedAt),
      status,
      String(statusRank(status)),
      text(t.agent),
      text(phone ? null : t.topic),
      text(phone ? null : t.segment),
      text(phone ? null : t.subject),
      text(keyer(t.contact)),
      t.channel === 'livechat' ? '2' : '\\N',
      '1',
      'bench@1',
    ].join('\t') + '\n'
  )
}
