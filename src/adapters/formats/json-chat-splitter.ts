import { Transform, type TransformCallback } from 'node:stream'
import { coerceError } from '../../errors.js'
import { LINE_EXCERPT_BYTES } from './bounded-lines.js'

/** A stream-json token, as its Parser emits it with values streamed and not packed. */
interface Token {
  name: string
  value?: string
}

/** One chat's compact JSON text, or its size and first characters when it was over the limit. */
export type ChatText = { text: string } | { oversized: number; excerpt: string }

const VALUE_STARTS = new Set([
  'startObject',
  'startArray',
  'startString',
  'startNumber',
  'nullValue',
  'trueValue',
  'falseValue',
])

/** Characters JSON text must escape (lone surrogates as well, as JSON.stringify does). */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/
/** Text outside printable ASCII, whose UTF-8 length is not its length in characters. */
const NOT_PRINTABLE_ASCII = /[^ -~]/

/**
 * Splits stream-json tokens (parsed with `packValues: false`, so no string, key or number is
 * ever held whole by the parser) into the chats of a JSON array, or of the top-level `data`
 * array of an API page. Each chat is rebuilt as compact JSON text of at most `maxBytes`; a
 * larger one stops being kept once over and its remaining tokens are only counted, so a huge
 * chat costs no more memory than the limit.
 */
export class JsonChatSplitter extends Transform {
  /** Whether a page had a top-level `data` key. */
  sawData = false
  /** Containers open around the current token, outside the chat being read. */
  private depth = 0
  /** The depth of the inside of the chat array, -1 when not in it. */
  private chatsDepth = -1
  private topKey: string | null = null
  private dataNext = false
  private chat: ChatWriter | null = null

  constructor(
    private readonly shape: 'array' | 'page',
    private readonly maxBytes: number,
  ) {
    super({ objectMode: true })
  }

  override _transform(token: Token, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.consume(token)
      callback()
    } catch (thrown) {
      callback(coerceError(thrown))
    }
  }

  private consume(token: Token): void {
    if (!this.chat && this.depth === this.chatsDepth && VALUE_STARTS.has(token.name)) {
      this.chat = new ChatWriter(this.maxBytes)
    }
    if (this.chat) {
      this.chat.add(token)
      if (this.chat.done) {
        this.push(this.chat.result())
        this.chat = null
      }
      return
    }
    if (VALUE_STARTS.has(token.name)) this.openChatsAt(token.name)
    switch (token.name) {
      case 'startObject':
      case 'startArray':
        this.depth += 1
        break
      case 'endObject':
      case 'endArray':
        this.depth -= 1
        if (this.depth + 1 === this.chatsDepth) this.chatsDepth = -1
        break
      case 'startKey':
        if (this.depth === 1) this.topKey = ''
        break
      case 'stringChunk':
        // Only whether the key is `data` matters: a longer key is not kept whole.
        if (this.topKey !== null && this.topKey.length <= 4) this.topKey += token.value ?? ''
        break
      case 'endKey':
        this.dataNext = this.topKey === 'data'
        this.topKey = null
        break
    }
  }

  /** Whether this value starting outside any chat is the array of chats. */
  private openChatsAt(name: string): void {
    if (this.shape === 'array' && this.depth === 0) {
      if (name !== 'startArray') throw new Error('expected a JSON array of chats')
      this.chatsDepth = 1
    } else if (this.shape === 'page' && this.depth === 1 && this.dataNext) {
      this.sawData = true
      this.dataNext = false
      if (name !== 'startArray') throw new Error('the page\'s "data" is not an array of chats')
      this.chatsDepth = 2
    } else if (this.depth === 1) {
      this.dataNext = false
    }
  }
}

/** Rebuilds one chat's compact JSON text from its tokens, counting its bytes. */
class ChatWriter {
  done = false
  private nesting = 0
  private afterValue = false
  private size = 0
  private text = ''
  private excerpt: string | null = null

  constructor(private readonly maxBytes: number) {}

  add({ name, value = '' }: Token): void {
    switch (name) {
      case 'startObject':
      case 'startArray':
        this.separate()
        this.write(name === 'startObject' ? '{' : '[')
        this.nesting += 1
        this.afterValue = false
        return
      case 'endObject':
      case 'endArray':
        this.write(name === 'endObject' ? '}' : ']')
        this.nesting -= 1
        return this.endValue()
      case 'startKey':
        this.separate()
        this.write('"')
        return
      case 'endKey':
        this.write('":')
        this.afterValue = false
        return
      case 'startString':
        this.separate()
        this.write('"')
        return
      case 'stringChunk':
        this.write(NEEDS_ESCAPE.test(value) ? JSON.stringify(value).slice(1, -1) : value)
        return
      case 'endString':
        this.write('"')
        return this.endValue()
      case 'startNumber':
        this.separate()
        return
      case 'numberChunk':
        this.write(value)
        return
      case 'endNumber':
        return this.endValue()
      case 'nullValue':
      case 'trueValue':
      case 'falseValue':
        this.separate()
        this.write(name === 'nullValue' ? 'null' : name === 'trueValue' ? 'true' : 'false')
        return this.endValue()
    }
  }

  result(): ChatText {
    return this.excerpt === null
      ? { text: this.text }
      : { oversized: this.size, excerpt: this.excerpt }
  }

  private separate(): void {
    if (this.afterValue) this.write(',')
  }

  private endValue(): void {
    this.afterValue = true
    if (this.nesting === 0) this.done = true
  }

  private write(piece: string): void {
    this.size += NOT_PRINTABLE_ASCII.test(piece) ? Buffer.byteLength(piece) : piece.length
    if (this.excerpt !== null) return
    this.text += piece
    if (this.size > this.maxBytes) {
      this.excerpt = this.text.slice(0, LINE_EXCERPT_BYTES)
      this.text = ''
    }
  }
}
