import type { Readable } from 'node:stream'
import { coerceError } from '../../errors.js'
import { oversizedReason } from '../formats/bounded-lines.js'
import type { ChatRecord } from './deskpro-chat-record.js'
import { JsonChatSplitter, type ChatText } from '../formats/json-chat-splitter.js'
import { NotOfFormatError } from '../reading-errors.js'

/**
 * Streams the chats of a JSON array, or of the `data` array of an API page, one chat at a time,
 * each with its text as the file holds it; a chat over `maxRecordBytes` is never assembled and
 * comes back as an error with an excerpt. Chats before a syntax error are yielded, then the
 * error is thrown: the file was not read whole (the input after the error is read and
 * ignored). An input where not even one chat can be read is unreadable.
 */
export async function* readJsonChats(
  input: Readable | AsyncIterable<Buffer | string>,
  shape: 'array' | 'page',
  maxRecordBytes: number,
): AsyncGenerator<ChatRecord> {
  const splitter = new JsonChatSplitter(shape, maxRecordBytes)
  let count = 0
  try {
    for await (const chunk of input as AsyncIterable<Buffer | string>) {
      splitter.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
      for (const chat of splitter.take()) {
        count += 1
        yield recordOf(count, chat, maxRecordBytes)
      }
      if (splitter.shapeFailure) break
    }
  } catch (thrown) {
    throw coerceError(thrown)
  }
  splitter.end()
  for (const chat of splitter.take()) {
    count += 1
    yield recordOf(count, chat, maxRecordBytes)
  }
  const failure = splitter.failure
  if (shape === 'page' && !splitter.sawData && !failure) {
    throw new NotOfFormatError('expected an API page with a top-level "data" array of chats')
  }
  if (!failure) return
  if (count === 0) {
    throw new NotOfFormatError(`no chat could be read: ${failure.message}`, { cause: failure })
  }
  // The chats before the damage were yielded; the file as a whole was not read.
  throw new Error(`invalid or truncated JSON after chat ${count}: ${failure.message}`, {
    cause: failure,
  })
}

/**
 * A chat from its JSON text, which is also its raw text for the quarantine. The scan checked
 * the text's syntax; text that JSON.parse still refuses becomes one bad record.
 */
function recordOf(recordNumber: number, chat: ChatText, maxRecordBytes: number): ChatRecord {
  if (!('text' in chat)) {
    const error = oversizedReason(chat.oversized, maxRecordBytes)
    return { recordNumber, error, raw: chat.excerpt }
  }
  const raw = chat.text
  try {
    return { recordNumber, value: JSON.parse(raw) as unknown, raw }
  } catch (thrown) {
    return { recordNumber, error: `chat cannot be read back: ${coerceError(thrown).message}`, raw }
  }
}
