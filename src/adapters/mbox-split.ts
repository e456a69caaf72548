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

interface LineSegment {
  bytes: Buffer
  /** This segment starts a line and holds all of it or at least LINE_HEAD_BYTES of it. */
  lineStart: boolean
}

/**
 * Splits a `.mbox` or `.eml` byte stream into messages, holding one message at a time.
 * A file whose first line is a `From ` line is an mbox: a message starts at a `From ` line at the
 * start of the file or after a blank line (the blank line is the separator, not message content),
 * and `>From `, `>>From `… lose one `>` (mboxrd). Anything else is one message.
 */
export async function* splitMailbox(
  input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  maxBytes = MAX_MESSAGE_BYTES,
): AsyncGenerator<MailboxMessage> {
  let mode: 'mbox' | 'single' | null = null
  let message: MessageBuffer | null = null
  let heldBlank: Buffer | null = null
  let previousBlank = false
  let inSeparatorLine = false
  let atFileStart = true

  for await (const segment of readLineSegments(input)) {
    if (!segment.lineStart) {
      if (!inSeparatorLine) message?.append(segment.bytes)
      continue
    }
    let line = segment.bytes
    if (atFileStart && line.subarray(0, 3).equals(UTF8_BOM)) line = line.subarray(3)
    atFileStart = false
    const blank = isBlankLine(line)
    inSeparatorLine = false
    if (mode === null) {
      if (blank) continue
      mode = FROM_LINE.test(lineHead(line)) ? 'mbox' : 'single'
      message = new MessageBuffer(maxBytes)
      if (mode === 'mbox') {
        inSeparatorLine = true
        continue
      }
    } else if (mode === 'mbox' && previousBlank && FROM_LINE.test(lineHead(line))) {
      if (message) yield message.finish()
      message = new MessageBuffer(maxBytes)
      heldBlank = null
      previousBlank = false
      inSeparatorLine = true
      continue
    }
    // A blank line is held back: it may turn out to be the separator before the next message.
    if (heldBlank) message?.append(heldBlank)
    heldBlank = blank ? line : null
    previousBlank = blank
    if (blank) continue
    if (mode === 'mbox' && ESCAPED_FROM_LINE.test(lineHead(line))) line = line.subarray(1)
    message?.append(line)
  }
  if (message) yield message.finish()
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

/**
 * Cuts the stream at newlines. Lines are not held whole (a base64 body may have none); only a
 * line's start is gathered across chunks, so memory stays at one chunk plus LINE_HEAD_BYTES.
 */
async function* readLineSegments(
  input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
): AsyncGenerator<LineSegment> {
  let carry: Buffer | null = null
  let atLineStart = true
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    const buffer: Buffer = carry ? Buffer.concat([carry, bytes]) : bytes
    carry = null
    let position = 0
    while (position < buffer.length) {
      const newline = buffer.indexOf(NEWLINE, position)
      const end = newline === -1 ? buffer.length : newline + 1
      if (newline === -1 && atLineStart && end - position < LINE_HEAD_BYTES) {
        carry = buffer.subarray(position)
        break
      }
      yield { bytes: buffer.subarray(position, end), lineStart: atLineStart }
      atLineStart = newline !== -1
      position = end
    }
  }
  if (carry) yield { bytes: carry, lineStart: true }
}

function lineHead(line: Buffer): string {
  return line.subarray(0, LINE_HEAD_BYTES).toString('latin1')
}

function isBlankLine(line: Buffer): boolean {
  return (
    (line.length === 1 && line[0] === NEWLINE) ||
    (line.length === 2 && line.toString('latin1') === '\r\n')
  )
}
