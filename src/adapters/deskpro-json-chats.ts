import { pipeline, type Readable } from 'node:stream'
import Parser from 'stream-json/Parser.js'
import Pick from 'stream-json/filters/Pick.js'
import StreamArray from 'stream-json/streamers/StreamArray.js'
import { coerceError } from '../errors.js'
import type { ChatRecord } from './deskpro-chat-record.js'
import { NotOfFormatError } from './reading-errors.js'

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
 * Streams the chats of a JSON array, or of the `data` array of an API page, one assembled chat
 * at a time. Chats before a syntax error are yielded, then the error is thrown: the file was not
 * read whole. An input where not even one chat can be read is unreadable.
 */
export async function* readJsonChats(
  input: Readable,
  shape: 'array' | 'page',
): AsyncGenerator<ChatRecord> {
  const parser = new TruncatingParser({ streamValues: false })
  let sawData = false
  const pickData = new Pick({
    filter: (stack) => {
      const hit = stack.length === 1 && stack[0] === 'data'
      sawData ||= hit
      return hit
    },
  })
  let inputError: unknown = null
  input.once('error', (error) => (inputError = error))
  const stages = shape === 'page' ? [parser, pickData] : [parser]
  const chats = new StreamArray()
  // Errors reach the loop below through `chats`, which the pipeline destroys with them.
  pipeline([input, ...stages, chats], () => {})

  let count = 0
  let failure: Error | null = null
  try {
    for await (const { value } of chats as AsyncIterable<{ value: unknown }>) {
      count += 1
      yield rawOf(count, value)
    }
  } catch (thrown) {
    if (inputError) throw coerceError(inputError)
    failure = coerceError(thrown)
  }
  failure ??= parser.syntaxError
  if (shape === 'page' && !sawData && !failure) {
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
 * The chat's text for the quarantine. A chat nested thousands of levels deep overflows
 * JSON.stringify: it becomes one bad record and the chats after it still load.
 */
function rawOf(recordNumber: number, value: unknown): ChatRecord {
  try {
    return { recordNumber, value, raw: JSON.stringify(value) }
  } catch (thrown) {
    return {
      recordNumber,
      error: `chat cannot be read back: ${coerceError(thrown).message}`,
      raw: '',
    }
  }
}
