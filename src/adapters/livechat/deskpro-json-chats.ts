import { pipeline, type Readable } from 'node:stream'
import Parser from 'stream-json/Parser.js'
import { coerceError } from '../../errors.js'
import { oversizedReason } from '../formats/bounded-lines.js'
import type { ChatRecord } from './deskpro-chat-record.js'
import { JsonChatSplitter, type ChatText } from '../formats/json-chat-splitter.js'
import { NotOfFormatError } from '../reading-errors.js'

type ProcessCallback = (error?: Error | null) => void

/** The parts of stream-json 1.9's Parser this file relies on (not in its typings). */
interface ParserInternals {
  _buffer: string
  _open_number: boolean
  _processBuffer(callback: ProcessCallback): void
}

/**
 * stream-json's parser, except that a syntax error ends the token stream instead of failing it:
 * a failed stream is destroyed with the chats already parsed still in its buffers, and those
 * must load (a truncated export keeps everything before the cut). Input after the error is read
 * and ignored, so memory stays flat.
 */
class TruncatingParser extends Parser {
  syntaxError: Error | null = null

  _processBuffer(this: TruncatingParser & ParserInternals, callback: ProcessCallback): void {
    if (this.syntaxError) {
      this._buffer = ''
      return callback(null)
    }
    const base = Parser.prototype as unknown as ParserInternals
    base._processBuffer.call(this, (error) => {
      if (error) {
        this.syntaxError = error
        this._buffer = ''
        this._open_number = false
      }
      callback(null)
    })
  }
}

/**
 * Streams the chats of a JSON array, or of the `data` array of an API page, one chat at a time;
 * a chat over `maxRecordBytes` is never assembled and comes back as an error with an excerpt.
 * Chats before a syntax error are yielded, then the error is thrown: the file was not read
 * whole. An input where not even one chat can be read is unreadable.
 */
export async function* readJsonChats(
  input: Readable,
  shape: 'array' | 'page',
  maxRecordBytes: number,
): AsyncGenerator<ChatRecord> {
  // Unpacked values: the parser never holds a whole string, key or number.
  const parser = new TruncatingParser({ packValues: false, streamValues: true })
  let inputError: unknown = null
  input.once('error', (error) => (inputError = error))
  const chats = new JsonChatSplitter(shape, maxRecordBytes)
  // Errors reach the loop below through `chats`, which the pipeline destroys with them.
  pipeline([input, parser, chats], () => {})

  let count = 0
  let failure: Error | null = null
  try {
    for await (const chat of chats as AsyncIterable<ChatText>) {
      count += 1
      yield 'text' in chat
        ? recordOf(count, chat.text)
        : {
            recordNumber: count,
            error: oversizedReason(chat.oversized, maxRecordBytes),
            raw: chat.excerpt,
          }
    }
  } catch (thrown) {
    if (inputError) throw coerceError(inputError)
    failure = coerceError(thrown)
  }
  failure ??= parser.syntaxError
  if (shape === 'page' && !chats.sawData && !failure) {
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
 * A chat from its compact JSON text, which is also its raw text for the quarantine. Text the
 * parser let through that JSON.parse refuses becomes one bad record.
 */
function recordOf(recordNumber: number, text: string): ChatRecord {
  try {
    return { recordNumber, value: JSON.parse(text) as unknown, raw: text }
  } catch (thrown) {
    return {
      recordNumber,
      error: `chat cannot be read back: ${coerceError(thrown).message}`,
      raw: text,
    }
  }
}
