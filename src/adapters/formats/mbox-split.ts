import { cutShortReason } from './mail-cut-short.js'
import { contentLengthOf, CountedBody } from './mbox-counted-body.js'
import {
  isBlankLine,
  isEnvelopeLine,
  isEscapedFromLine,
  isFromLine,
  LINE_HEAD_BYTES,
  NEWLINE,
  unescapeFromLines,
} from './mbox-lines.js'
import { MailboxNotes } from './mbox-notes.js'

/** One message cut from a mailbox file, as bytes, for the MIME parser. */
export interface MailboxMessage {
  bytes: Buffer
  /** The message's full size, also when it was truncated. */
  sizeBytes: number
  /** Over the size limit: `bytes` holds only its start, enough for a reject's raw text. */
  truncated: boolean
  /** The file's last message only: why the file ends inside it (mail-cut-short.ts), if it does. */
  cutShort?: string
}

const TRUNCATED_HEAD_BYTES = 64 * 1024

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf])

export interface SplitOptions {
  /** `eml`: one message whatever it holds (a leading `From ` envelope line is dropped). @defaultValue 'auto' */
  format?: 'eml' | 'auto'
  /** A message is buffered whole for the MIME parser; past this (MAX_RECORD_BYTES) it is cut off, never held. */
  maxBytes: number
  /** Receives, at the end, what makes the message count uncertain (a Content-Length ignored). */
  note?: (message: string) => void
}

/**
 * Splits a `.mbox` or `.eml` byte stream into messages, holding one message at a time.
 * A file whose first line is a `From ` line is an mbox: a message starts at a `From ` envelope
 * line (a sender and a date) at the start of the file or of any line; a blank line before it is
 * the separator, not message content. A body line starting `From ` without a date is body.
 * `Content-Length` (mboxcl, mboxcl2) is honoured when it ends on a message boundary, else
 * ignored with a note. `>From `, `>>From `… lose one `>` (mboxrd). Anything else is one message.
 * The last message says when the file was cut inside it: an unclosed multipart body, headers that
 * never end, or (when no earlier Content-Length was wrong) a Content-Length past the end.
 */
export async function* splitMailbox(
  input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  options: SplitOptions,
): AsyncGenerator<MailboxMessage> {
  const splitter = new MailboxSplitter(options.maxBytes, options.format ?? 'auto')
  for await (const chunk of input) {
    yield* splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  }
  yield* splitter.end()
  for (const note of splitter.notes.summary()) options.note?.(note)
}

/**
 * The splitting state machine, synchronous per chunk (a generator step per line would cost more
 * than the MIME parsing). Lines are not held whole (a base64 body may have none); only a line's
 * start is gathered across chunks, so memory stays at one chunk plus LINE_HEAD_BYTES, and a
 * counted body (at most one message).
 */
class MailboxSplitter {
  readonly notes = new MailboxNotes()
  private mode: 'mbox' | 'single' | null = null
  private message: MessageBuffer | null = null
  private messageNumber = 0
  private inHeaders = false
  private contentLength: number | null = null
  private counted: CountedBody | null = null
  /** A Content-Length did not end on a message boundary: the file's lengths prove nothing. */
  private lengthsUntrusted = false
  /** The message whose Content-Length ran past the end of the file, and by how much. */
  private lengthPastEnd: { messageNumber: number; declared: number } | null = null
  private lengthHonoured = 0
  private heldBlank: Buffer | null = null
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
    this.consume(chunk, false)
    return this.flush()
  }

  end(): MailboxMessage[] {
    this.consume(Buffer.alloc(0), true)
    this.finishMessage()
    const finished = this.flush()
    const last = finished.at(-1)
    if (last && !last.truncated) {
      const past = this.lengthPastEnd
      // A body that ends where its honoured Content-Length says is whole as written.
      const reason =
        past?.messageNumber === this.messageNumber && !this.lengthsUntrusted
          ? `its Content-Length of ${past.declared} bytes runs past the end of the file`
          : this.lengthHonoured === this.messageNumber
            ? null
            : cutShortReason(last.bytes)
      if (reason) last.cutShort = reason
    }
    return finished
  }

  private consume(chunk: Buffer, atEnd: boolean): void {
    let buffer = this.carry ? Buffer.concat([this.carry, chunk]) : chunk
    this.carry = null
    let position = 0
    while (position < buffer.length || (this.counted && atEnd)) {
      if (this.counted) {
        buffer = this.takeCounted(buffer.subarray(position), atEnd)
        position = 0
        continue
      }
      const newline = buffer.indexOf(NEWLINE, position)
      const end = newline === -1 ? buffer.length : newline + 1
      if (newline === -1 && this.atLineStart && !atEnd && end - position < LINE_HEAD_BYTES) {
        this.carry = buffer.subarray(position)
        return
      }
      const segment = buffer.subarray(position, end)
      if (this.atLineStart) this.startLine(segment, newline !== -1 || atEnd)
      else if (!this.inSeparatorLine) this.message?.append(segment)
      this.atLineStart = newline !== -1
      position = end
    }
  }

  /** Feeds a counted body; returns the bytes the line machine reads next. */
  private takeCounted(bytes: Buffer, atEnd: boolean): Buffer {
    const result = this.counted!.take(bytes, atEnd)
    if (result.verdict === 'more') return Buffer.alloc(0)
    this.counted = null
    if (result.verdict === 'mismatch') {
      this.notes.contentLengthIgnored(this.messageNumber)
      if (result.pastEnd) {
        this.lengthPastEnd = { messageNumber: this.messageNumber, declared: this.contentLength! }
      } else {
        this.lengthsUntrusted = true
      }
      return result.bytes
    }
    this.message?.append(unescapeFromLines(result.body))
    this.lengthHonoured = this.messageNumber
    this.finishMessage()
    return result.rest
  }

  /** `segment` is a whole line (`wholeLine`) or at least its first LINE_HEAD_BYTES. */
  private startLine(segment: Buffer, wholeLine: boolean): void {
    let line = segment
    if (this.atFileStart && line.subarray(0, 3).equals(UTF8_BOM)) line = line.subarray(3)
    this.atFileStart = false
    const blank = isBlankLine(line)
    this.inSeparatorLine = false
    if (this.mode === null) {
      if (blank) return
      const fromLine = isFromLine(line)
      this.mode = fromLine && this.format === 'auto' ? 'mbox' : 'single'
      this.startMessage()
      if (fromLine) {
        this.inSeparatorLine = true
        return
      }
    } else if (this.mode === 'mbox' && isEnvelopeLine(line, wholeLine)) {
      this.heldBlank = null
      this.finishMessage()
      this.startMessage()
      this.inSeparatorLine = true
      return
    }
    if (this.mode === 'mbox' && this.inHeaders) {
      this.readHeaderLine(line, blank)
      if (this.counted) return
    }
    if (this.mode === 'mbox' && this.heldBlank && isFromLine(line)) {
      this.notes.fromLineKept(this.messageNumber)
    }
    // A blank line is held back: it may turn out to be the separator before the next message.
    if (this.heldBlank) this.message?.append(this.heldBlank)
    this.heldBlank = blank ? line : null
    if (blank) return
    if (this.mode === 'mbox' && isEscapedFromLine(line)) line = line.subarray(1)
    this.message?.append(line)
  }

  /** Notes a Content-Length; at the blank line that ends the headers, starts a counted body. */
  private readHeaderLine(line: Buffer, blank: boolean): void {
    if (!blank) {
      const length = contentLengthOf(line)
      if (length !== null) this.contentLength = length
      return
    }
    this.inHeaders = false
    if (this.contentLength === null) return
    if (this.contentLength > this.maxBytes) {
      this.notes.contentLengthIgnored(this.messageNumber)
      return
    }
    this.message?.append(line)
    this.counted = new CountedBody(this.contentLength)
  }

  private startMessage(): void {
    this.message = new MessageBuffer(this.maxBytes)
    this.messageNumber += 1
    this.inHeaders = true
    this.contentLength = null
  }

  private finishMessage(): void {
    if (this.message) this.done.push(this.message.finish())
    this.message = null
    this.heldBlank = null
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
