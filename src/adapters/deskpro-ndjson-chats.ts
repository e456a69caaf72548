import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { coerceError } from '../errors.js'
import type { ChatRecord } from './deskpro-chat-record.js'

/**
 * Streams NDJSON chats, one JSON value per line. Blank lines are not records; every other line
 * is, numbered in order, so a line that is not JSON becomes one bad record and the rest load.
 */
export async function* readNdjsonChats(input: Readable): AsyncGenerator<ChatRecord> {
  const lines = createInterface({ input, crlfDelay: Infinity })
  let recordNumber = 0
  let first = true
  for await (const line of lines) {
    const raw = first ? line.replace(/^\uFEFF/, '') : line
    first = false
    if (raw.trim() === '') continue
    recordNumber += 1
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch (thrown) {
      yield { recordNumber, error: `invalid JSON: ${coerceError(thrown).message}`, raw }
      continue
    }
    yield { recordNumber, value, raw }
  }
}
