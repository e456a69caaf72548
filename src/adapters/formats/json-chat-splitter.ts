import { ChatTextCollector, type ChatText } from './json-chat-text.js'
import { PageKeyReader } from './json-page-key.js'
import {
  ARRAY_STOP,
  COLON,
  DONE,
  ESCAPE,
  EXPONENT_DIGITS,
  EXPONENT_SIGN,
  EXPONENT_START,
  FIRST_KEY,
  FIRST_VALUE,
  FRACTION,
  FRACTION_DIGITS,
  FRACTION_START,
  HEX,
  INTEGER_DIGITS,
  KEY,
  KEY_STRING,
  LITERAL,
  LITERAL_END,
  NUMBER_END,
  NUMBER_ERROR,
  NUMBER_START,
  OBJECT_STOP,
  STRING,
  VALUE,
  WIDE_SPACE,
  endOfInputError,
  isHexDigit,
  isShortEscape,
  isWideSpace,
  isWordByte,
  numberStep,
  syntaxErrorAt,
  wideSpaceLength,
  type Expect,
} from './json-syntax.js'

export type { ChatText }

const OBJECT = 1
const ARRAY = 2
const LITERALS: Readonly<Record<number, string>> = { 0x74: 'true', 0x66: 'false', 0x6e: 'null' }

/**
 * Finds the chats of a JSON array, or of the top-level `data` array of an API page, in UTF-8
 * bytes fed chunk by chunk, and slices each chat's text as the file holds it. Every byte is
 * checked against JSON's grammar as stream-json's Parser did (and with its leniency: `\s`
 * whitespace between tokens); the first error stops the scan and is kept in `failure`, the
 * chats before it having been taken. A chat over `maxBytes` is not kept past the limit: its
 * bytes are only counted, so a huge chat costs no more memory than the limit, and so does
 * nesting (the container stack holds at most `maxBytes` levels).
 */
export class JsonChatSplitter {
  /** Whether a page had a top-level `data` key. */
  sawData = false
  /** The syntax or shape error that stopped the scan. */
  failure: Error | null = null
  /** Whether the failure is in the page's shape, not its syntax: nothing after it is read. */
  shapeFailure = false
  private chats: ChatText[] = []
  private state: Expect = VALUE
  /** Open containers, OBJECT or ARRAY, outermost first. */
  private stack = new Uint8Array(64)
  private depth = 0
  /** The depth inside the array of chats, -1 when not in it. */
  private chatsDepth = -1
  /** The string state an escape returns to, and hex digits still due in a `\u` escape. */
  private stringState: Expect = STRING
  private hexDue = 0
  private literal = ''
  private literalAt = 0
  /** The state a multi-byte character interrupted, its bytes so far and how many are due. */
  private spaceState: Expect = VALUE
  private spaceBytes = 0
  private spaceDue = 0
  /** A top-level key of a page being read, and whether the last one was `data`. */
  private pageKey: PageKeyReader | null = null
  private dataNext = false
  /** The chat being read. */
  private chat: ChatTextCollector | null = null
  /** A chat that is a number, taken once the byte after it is one that may follow it. */
  private numberChat: ChatText | null = null
  private bytes: Buffer = Buffer.alloc(0)

  constructor(
    private readonly shape: 'array' | 'page',
    private readonly maxBytes: number,
  ) {}

  /** The chats completed so far, each handed out once. */
  take(): ChatText[] {
    const chats = this.chats
    this.chats = []
    return chats
  }

  /** Scans the next chunk of the file. */
  write(bytes: Buffer): void {
    if (this.failure) return
    this.bytes = bytes
    const end = this.scan(bytes)
    if (end < bytes.length || this.failure) return
    this.chat?.keep(bytes)
    this.pageKey?.keep(bytes)
  }

  /** Ends the scan: input that stops inside the top-level value is a failure. */
  end(): void {
    if (this.failure) return
    if (this.state === LITERAL_END) {
      // The literal ends the input: its bytes, all read, were kept with the last chunk.
      this.bytes = Buffer.alloc(0)
      this.state = this.endValue(0)
    }
    this.failure =
      this.state === WIDE_SPACE
        ? syntaxErrorAt(this.spaceState, 0x80)
        : endOfInputError(this.state, this.depth > 0)
  }

  /** Scans `bytes` from the start; returns where it stopped (short of the end on a failure). */
  private scan(bytes: Buffer): number {
    const length = bytes.length
    let state = this.state
    let i = 0
    while (i < length) {
      const byte = bytes[i]!
      switch (state) {
        case STRING:
        case KEY_STRING: {
          let at = i
          let next = byte
          while (next !== 0x22 && next !== 0x5c && next >= 0x20) {
            at += 1
            if (at === length) break
            next = bytes[at]!
          }
          i = at
          if (at === length) continue
          if (next === 0x22) {
            i += 1
            if (state === KEY_STRING) {
              state = COLON
              if (this.pageKey) {
                this.dataNext = this.pageKey.isData(bytes, at)
                this.pageKey = null
              }
            } else {
              state = this.endValue(i)
            }
          } else if (next === 0x5c) {
            this.stringState = state
            state = ESCAPE
            i += 1
          } else {
            return this.fail(state, next, i)
          }
          continue
        }
        case VALUE:
        case FIRST_VALUE:
          if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) break
          if (byte === 0x22) {
            this.startValue(i, byte)
            state = STRING
          } else if (byte === 0x7b || byte === 0x5b) {
            this.startValue(i, byte)
            if (!this.push(byte === 0x7b ? OBJECT : ARRAY)) return i
            state = byte === 0x7b ? FIRST_KEY : FIRST_VALUE
          } else if (byte === 0x5d && state === FIRST_VALUE) {
            state = this.pop(i + 1)
          } else if (byte >= 0x30 && byte <= 0x39) {
            this.startValue(i, byte)
            state = byte === 0x30 ? FRACTION : INTEGER_DIGITS
          } else if (byte === 0x2d) {
            this.startValue(i, byte)
            state = NUMBER_START
          } else if (LITERALS[byte] !== undefined) {
            this.startValue(i, byte)
            this.literal = LITERALS[byte]!
            this.literalAt = 1
            state = LITERAL
          } else {
            state = this.space(state, byte, i)
            if (this.failure) return i
          }
          if (this.failure) return i
          break
        case FIRST_KEY:
        case KEY:
          if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) break
          if (byte === 0x22) {
            state = KEY_STRING
            if (this.depth === 1 && this.shape === 'page') this.pageKey = new PageKeyReader(i + 1)
          } else if (byte === 0x7d && state === FIRST_KEY) {
            state = this.pop(i + 1)
          } else {
            state = this.space(state, byte, i)
            if (this.failure) return i
          }
          break
        case COLON:
          if (byte === 0x3a) state = VALUE
          else state = this.space(state, byte, i)
          if (this.failure) return i
          break
        case ARRAY_STOP:
        case OBJECT_STOP:
          if (byte === 0x2c) state = state === ARRAY_STOP ? VALUE : KEY
          else if (byte === (state === ARRAY_STOP ? 0x5d : 0x7d)) state = this.pop(i + 1)
          else state = this.space(state, byte, i)
          if (this.failure) return i
          if (this.numberChat && state !== WIDE_SPACE) this.takeNumberChat()
          break
        case DONE:
          state = this.space(state, byte, i)
          if (this.failure) return i
          break
        case ESCAPE:
          if (byte === 0x75) {
            this.hexDue = 4
            state = HEX
          } else if (isShortEscape(byte)) {
            state = this.stringState
          } else {
            return this.fail(state, byte, i)
          }
          break
        case HEX:
          if (!isHexDigit(byte)) return this.fail(state, byte, i)
          this.hexDue -= 1
          if (this.hexDue === 0) state = this.stringState
          break
        case NUMBER_START:
        case INTEGER_DIGITS:
        case FRACTION:
        case FRACTION_START:
        case FRACTION_DIGITS:
        case EXPONENT_SIGN:
        case EXPONENT_START:
        case EXPONENT_DIGITS: {
          const next = numberStep(state, byte)
          if (next === NUMBER_ERROR) return this.fail(state, byte, i)
          if (next === NUMBER_END) {
            state = this.endNumber(i)
            continue
          }
          state = next
          break
        }
        case LITERAL:
          if (byte !== this.literal.charCodeAt(this.literalAt)) return this.fail(state, byte, i)
          this.literalAt += 1
          if (this.literalAt === this.literal.length) state = LITERAL_END
          break
        case LITERAL_END:
          if (isWordByte(byte)) return this.fail(state, byte, i)
          state = this.endValue(i)
          continue
        case WIDE_SPACE:
          if (byte < 0x80 || byte > 0xbf) return this.fail(this.spaceState, 0x80, i)
          this.spaceBytes = this.spaceBytes * 0x100 + byte
          this.spaceDue -= 1
          if (this.spaceDue > 0) break
          if (!isWideSpace(this.spaceBytes)) return this.fail(this.spaceState, 0x80, i)
          if (this.chat) this.chat.hasOddSpace = true
          if (this.numberChat) this.takeNumberChat()
          state = this.spaceState
          break
      }
      i += 1
    }
    this.state = state
    return i
  }

  /**
   * Whitespace in `state`, which comes back (or WIDE_SPACE, inside a multi-byte character);
   * anything else is the error of that state. Form feeds, vertical tabs and the wide spaces
   * are `\s` but not JSON: a chat that has them is read with plain spaces instead.
   */
  private space(state: Expect, byte: number, at: number): Expect {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) return state
    if (byte === 0x0b || byte === 0x0c) {
      if (this.chat) this.chat.hasOddSpace = true
      return state
    }
    const due = wideSpaceLength(byte)
    if (due < 0) {
      this.fail(state, byte, at)
      return state
    }
    this.spaceState = state
    this.spaceBytes = byte
    this.spaceDue = due
    return WIDE_SPACE
  }

  /** A value starts at `at`: a chat when it is an element of the chats array. */
  private startValue(at: number, byte: number): void {
    if (this.depth === this.chatsDepth) {
      this.chat = new ChatTextCollector(this.maxBytes, at)
    } else if (this.depth === 0 && this.shape === 'array') {
      if (byte !== 0x5b) this.failShape('expected a JSON array of chats')
      this.chatsDepth = 1
    } else if (this.depth === 1 && this.dataNext) {
      this.sawData = true
      this.dataNext = false
      if (byte !== 0x5b) this.failShape('the page\'s "data" is not an array of chats')
      this.chatsDepth = 2
    }
  }

  /** A value ended just before `end`: a chat when it is an element of the chats array. */
  private endValue(end: number): Expect {
    if (this.depth === this.chatsDepth) {
      this.chats.push(this.chat!.finish(this.bytes, end))
      this.chat = null
    }
    const depth = this.depth
    if (depth === 0) return DONE
    return this.stack[depth - 1] === OBJECT ? OBJECT_STOP : ARRAY_STOP
  }

  /**
   * A number ended just before `end`. A chat that is a number is held until the byte after it
   * is read and found valid, as stream-json ended a number only then.
   */
  private endNumber(end: number): Expect {
    if (this.depth !== this.chatsDepth) return this.endValue(end)
    this.numberChat = this.chat!.finish(this.bytes, end)
    this.chat = null
    return ARRAY_STOP
  }

  private takeNumberChat(): void {
    this.chats.push(this.numberChat!)
    this.numberChat = null
  }

  private push(container: number): boolean {
    if (this.depth === this.stack.length) {
      if (this.depth >= this.maxBytes) {
        this.failure = new Error(`nested more than ${this.maxBytes} levels deep (MAX_RECORD_BYTES)`)
        return false
      }
      const larger = new Uint8Array(Math.min(this.stack.length * 2, this.maxBytes))
      larger.set(this.stack)
      this.stack = larger
    }
    this.stack[this.depth] = container
    this.depth += 1
    return true
  }

  /** Closes the innermost container, whose last byte ends before `end`. */
  private pop(end: number): Expect {
    this.depth -= 1
    if (this.depth === this.chatsDepth - 1) this.chatsDepth = -1
    return this.endValue(end)
  }

  private fail(state: Expect, byte: number, at: number): number {
    this.failure ??= syntaxErrorAt(state, byte)
    return at
  }

  private failShape(message: string): void {
    this.failure ??= new Error(message)
    this.shapeFailure = true
  }
}
