/** One message cut from a mailbox file, as bytes, for the MIME parser. */
export interface MailboxMessage {
  bytes: Buffer
  /** The message's full size, also when it was truncated. */
  sizeBytes: number
  /** Over the size limit: `bytes` holds only its start, enough for a reject's raw text. */
  truncated: boolean
}

/** A message is buffered whole for the MIME parser; past this it is cut off, never held. */
export const MAX_MESSAGE_BYTES = 100 * 1024 * 1024
const TRUNCATED_HEAD_BYTES = 64 * 1024
/** Enough of a line's start to recognize `From ` or `>>…>From ` without holding long lines. */
const LINE_HEAD_BYTES = 1024

const NEWLINE = 0x0a
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf])
const FROM_LINE = /^From /
const ESCAPED_FROM_LINE = /^>+From /

export interface SplitOptions {
  /** `eml`: one message whatever it holds (a leading `From ` envelope line is dropped). @defaultValue 'auto' */
  format?: 'eml' | 'auto'
  /** @defaultValue MAX_MESSAGE_BYTES */
  maxBytes?: number
}

/**
 * Splits a `.mbox` or `.eml` byte stream into messages, holding one message at a time.
 * A file whose first line is a `From ` line is an mbox: a message starts at a `From ` line at the
 * start of the file or after a blank line (the blank line is the separator, not message content),
 * and `>From `, `>>From `… lose one `>` (mboxrd). Anything else is one message.
 */
export async function* splitMailbox(
  input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  options: SplitOptions = {},
): AsyncGenerator<MailboxMessage> {
  const splitter = new MailboxSplitter(
    options.maxBytes ?? MAX_MESSAGE_BYTES,
    options.format ?? 'auto',
  )
  for await (const chunk of input) {
    yield* splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  }
  yield* splitter.end()
}

/**
 * The splitting state machine, synchronous per chunk (a generator step per line would cost more
 * than the MIME parsing). Lines are not held whole (a base64 body may have none); only a line's
 * start is gathered across chunks, so memory stays at one chunk plus LINE_HEAD_BYTES.
 */
class MailboxSplitter {
  private mode: 'mbox' | 'single' | null = null
  private message: MessageBuffer | null = null
  private heldBlank: Buffer | null = null
  private previousBlank = false
  private inSeparatorLine = false
  private atFileStart = true
  private atLineStart = true
  private carry: Buffer | null = null
  private done: MailboxMessage[] = []

  constructor(
    private readonly maxBytes: number,
    private readonly format: 'eml' | 'auto',
  ) {}

  push(chunk: Buffer): MailboxMessage[] {
    const buffer = this.carry ? Buffer.concat([this.carry, chunk]) : chunk
    this.carry = null
    let position = 0
    while (position < buffer.length) {
      const newline = buffer.indexOf(NEWLINE, position)
      const end = newline === -1 ? buffer.length : newline + 1
      if (newline === -1 && this.atLineStart && end - position < LINE_HEAD_BYTES) {
        this.carry = buffer.subarray(position)
        break
      }
      const segment = buffer.subarray(position, end)
      if (this.atLineStart) this.startLine(segment)
      else if (!this.inSeparatorLine) this.message?.append(segment)
      this.atLineStart = newline !== -1
      position = end
    }
    return this.flush()
  }

  end(): MailboxMessage[] {
    if (this.carry) this.startLine(this.carry)
    this.carry = null
    if (this.message) this.done.push(this.message.finish())
    this.message = null
    return this.flush()
  }

  /** `line` is a whole line or at least its first LINE_HEAD_BYTES. */
  private startLine(segment: Buffer): void {
    let line = segment
    if (this.atFileStart && line.subarray(0, 3).equals(UTF8_BOM)) line = line.subarray(3)
    this.atFileStart = false
    const blank = isBlankLine(line)
    this.inSeparatorLine = false
    if (this.mode === null) {
      if (blank) return
      const fromLine = isFromLine(line)
      this.mode = fromLine && this.format === 'auto' ? 'mbox' : 'single'
      this.message = new MessageBuffer(this.maxBytes)
      if (fromLine) {
        this.inSeparatorLine = true
        return
      }
    } else if (this.mode === 'mbox' && this.previousBlank && isFromLine(line)) {
      if (this.message) this.done.push(this.message.finish())
      this.message = new MessageBuffer(this.maxBytes)
      this.heldBlank = null
      this.previousBlank = false
      this.inSeparatorLine = true
      return
    }
    // A blank line is held back: it may turn out to be the separator before the next message.
    if (this.heldBlank) this.message?.append(this.heldBlank)
    this.heldBlank = blank ? line : null
    this.previousBlank = blank
    if (blank) return
    if (this.mode === 'mbox' && isEscapedFromLine(line)) line = line.subarray(1)
    this.message?.append(line)
  }

  private flush(): MailboxMessage[] {
    const done = this.done
    this.done = []
    return done
  }
}

class MessageBuffer {
  private parts: Buffer[] = []
  private size = 0
  private truncated = false

  constructor(private readonly maxBytes: number) {}

  append(bytes: Buffer): void {
    this.size += bytes.length
    if (this.truncated) return
    if (this.size <= this.maxBytes) {
      this.parts.push(bytes)
      return
    }
    this.truncated = true
    this.parts = [Buffer.concat(this.parts).subarray(0, TRUNCATED_HEAD_BYTES)]
  }

  finish(): MailboxMessage {
    return { bytes: Buffer.concat(this.parts), sizeBytes: this.size, truncated: this.truncated }
  }
}

function isFromLine(line: Buffer): boolean {
  return line[0] === 0x46 && FROM_LINE.test(line.subarray(0, 5).toString('latin1'))
}

function isEscapedFromLine(line: Buffer): boolean {
  return (
    line[0] === 0x3e && ESCAPED_FROM_LINE.test(line.subarray(0, LINE_HEAD_BYTES).toString('latin1'))
  )
}

function isBlankLine(line: Buffer): boolean {
  return (
    (line.length === 1 && line[0] === NEWLINE) ||
    (line.length === 2 && line.toString('latin1') === '\r\n')
  )
}
