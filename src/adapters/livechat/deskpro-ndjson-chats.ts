import type { Readable } from 'node:stream'
import { coerceError } from '../../errors.js'
import { boundedLines, oversizedReason } from '../formats/bounded-lines.js'
import type { ChatRecord } from './deskpro-chat-record.js'

/**
 * Streams NDJSON chats, one JSON value per line. Blank lines are not records; every other line
 * is, numbered in order, so a line that is not JSON becomes one bad record and the rest load;
 * so does a line over `maxRecordBytes`, skipped unread.
 */
export async function* readNdjsonChats(
  input: Readable,
  maxRecordBytes: number,
): AsyncGenerator<ChatRecord> {
  let recordNumber = 0
  for await (const line of boundedLines(input, maxRecordBytes)) {
    const raw = line.lineNumber === 1 ? line.text.replace(/^\uFEFF/, '') : line.text
    if (!line.oversized && raw.trim() === '') continue
    recordNumber += 1
    if (line.oversized) {
      yield { recordNumber, error: oversizedReason(line.oversized, maxRecordBytes), raw }
      continue
    }
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch (thrown) {
      const error = `invalid JSON: ${coerceError(thrown).message}`
      yield { recordNumber, error, raw, notJson: true }
      continue
    }
    yield { recordNumber, value, raw }
  }
}
