import { Readable } from 'node:stream'
import type { AdapterContext } from '../adapter.js'
import { defineAdapter, type SourceRecord } from '../define-adapter.js'
import { parseDeskproChat } from './deskpro-chat.js'
import type { ChatRecord } from './deskpro-chat-record.js'
import { readJsonChats } from './deskpro-json-chats.js'
import { readNdjsonChats } from './deskpro-ndjson-chats.js'
import { peekStream } from '../formats/peek-stream.js'
import { NotARecordError, NotOfFormatError } from '../reading-errors.js'

type ChatFileShape = 'array' | 'page' | 'ndjson'

/** Enough to hold the first NDJSON line of a chat exported with its messages. */
const SNIFF_BYTES = 256 * 1024
const NDJSON_NAME = /\.(?:ndjson|jsonl)$/i
const BOM = Buffer.from([0xef, 0xbb, 0xbf])

/**
 * Deskpro live chats (formats/livechat.md): an API page, a plain array or NDJSON, streamed one
 * chat at a time. Record numbers count chats (NDJSON: non-blank lines) from 1.
 */
export const parseDeskproLivechat = defineAdapter<ChatRecord>({
  format: 'Deskpro chat',
  records: chatRecords,
  converter: (ctx) => ({
    toOutputs: ({ value: record }) => {
      if ('error' in record) {
        throw record.notJson ? new NotARecordError(record.error) : new Error(record.error)
      }
      return parseDeskproChat(record.value, record.recordNumber, record.raw, ctx)
    },
  }),
})

async function* chatRecords(
  input: Readable,
  ctx: AdapterContext,
): AsyncGenerator<SourceRecord<ChatRecord>> {
  const { head, stream } = await peekStream(input, SNIFF_BYTES)
  const shape = sniffChatFileShape(head, head.length < SNIFF_BYTES, ctx.fileName)
  const records =
    shape === 'ndjson'
      ? readNdjsonChats(stream, ctx.options.maxRecordBytes)
      : readJsonChats(
          head.subarray(0, 3).equals(BOM) ? Readable.from(skipBom(stream)) : stream,
          shape,
          ctx.options.maxRecordBytes,
        )
  for await (const record of records) {
    yield { recordNumber: record.recordNumber, raw: record.raw, value: record }
  }
}

/**
 * Tells the three shapes apart from the start of the file. `.ndjson`/`.jsonl` names are NDJSON.
 * Otherwise `[` opens an array; a `{` is either a page or the first NDJSON chat: NDJSON when the
 * first line is a whole JSON object followed by more lines, or a lone line that is not a page
 * (a pretty-printed page's first line is never a whole object). Throws NotOfFormatError for
 * anything else.
 */
function sniffChatFileShape(head: Buffer, complete: boolean, fileName: string): ChatFileShape {
  if (NDJSON_NAME.test(fileName)) return 'ndjson'
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
  if (text.startsWith('[')) return 'array'
  if (!text.startsWith('{')) {
    const found =
      text === '' ? 'the file is empty' : `it starts with ${JSON.stringify(text.slice(0, 20))}`
    throw new NotOfFormatError(
      `expected Deskpro chats as JSON (an array, an API page or NDJSON), but ${found}`,
    )
  }
  const newline = text.indexOf('\n')
  const firstLine = newline >= 0 ? text.slice(0, newline) : complete ? text : null
  const first = firstLine === null ? undefined : parseObject(firstLine)
  if (!first) return 'page'
  const rest = newline >= 0 ? text.slice(newline + 1).trim() : ''
  return rest === '' && Array.isArray(first.data) ? 'page' : 'ndjson'
}

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

async function* skipBom(stream: Readable): AsyncGenerator<Buffer> {
  let first = true
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    yield first ? chunk.subarray(BOM.length) : chunk
    first = false
  }
}
