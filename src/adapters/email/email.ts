import type { Readable } from 'node:stream'
import type { ParsedMail } from 'mailparser'
import type { AdapterOutput, RejectOutput } from '../../domain/adapter-output.js'
import { assertNever } from '../../domain/assert-never.js'
import { coerceError } from '../../errors.js'
import type { AdapterContext } from '../adapter.js'
import { defineAdapter, type SourceRecord } from '../define-adapter.js'
import { CutShortError, NotARecordError, NotOfFormatError } from '../reading-errors.js'
import { toAgentReply, toCustomerTicket } from './email-consultation.js'
import { inboxOf, isStaffAddress } from './email-inbox.js'
import { toLaporOutputs } from './email-lapor.js'
import { parseEmailMessage, readEmailFacts } from './email-message.js'
import { automaticSkipReason } from './email-skip.js'
import { createSubjectThreads, type SubjectThreads } from './email-subject-threads.js'
import { splitMailbox, type MailboxMessage } from '../formats/mbox-split.js'

/** A reject keeps the message's start as raw text: headers and the first of the body. */
const RAW_TEXT_BYTES = 64 * 1024
/** Text without any of these is not mail (a stray file, a cut-off mbox fragment). */
const MESSAGE_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'delivered-to',
  'date',
  'message-id',
  'received',
])

/**
 * The consultation inbox and Email Lapor (formats/email.md), from one `.eml` or `.mbox` file.
 * Record number = the message's 1-based index in the file; a Lapor message yields one output
 * per attachment under its message's number.
 */
export const parseEmail = defineAdapter<MailboxMessage>({
  format: 'email',
  recordNoun: 'message',
  records: mailboxMessages,
  converter: (ctx) => {
    const threads = createSubjectThreads()
    return {
      toOutputs: ({ value, recordNumber, raw }) =>
        parseMailboxMessage(value, recordNumber, raw, ctx, threads),
    }
  },
})

/**
 * The messages of the file; a file of one message without any mail header is not mail at all.
 * A file cut inside its last message fails there, after the messages before it.
 */
async function* mailboxMessages(
  input: Readable,
  ctx: AdapterContext,
): AsyncGenerator<SourceRecord<MailboxMessage>> {
  // An .eml is one message even when its body has a blank line and a `From ` line (no escaping).
  const format = /\.eml$/i.test(ctx.fileName) ? 'eml' : 'auto'
  let recordNumber = 0
  let first: SourceRecord<MailboxMessage> | null = null
  for await (const message of splitMailbox(input, {
    format,
    maxBytes: ctx.options.maxRecordBytes,
    note: (text) => ctx.note(text),
  })) {
    recordNumber += 1
    const record = { recordNumber, raw: rawTextOf(message.bytes), value: message }
    if (message.cutShort) {
      if (recordNumber === 1 && !hasMailHeader(message.bytes)) throw notMail()
      if (first) yield first
      throw new CutShortError(
        recordNumber,
        `message ${recordNumber} is cut short: ${message.cutShort}`,
      )
    }
    // The first message waits until a second one shows that the file is a mailbox.
    if (recordNumber === 1) {
      first = record
      continue
    }
    if (first) yield first
    first = null
    yield record
  }
  if (first && recordNumber === 1 && !hasMailHeader(first.value.bytes)) throw notMail()
  if (first) yield first
}

const notMail = () => new NotOfFormatError('no From, To, Date, Message-ID or Received header')

async function parseMailboxMessage(
  message: MailboxMessage,
  recordNumber: number,
  raw: string,
  ctx: AdapterContext,
  threads: SubjectThreads,
): Promise<AdapterOutput[]> {
  const reject = (reason: string): RejectOutput => ({ kind: 'reject', recordNumber, reason, raw })
  if (message.truncated) {
    return [
      reject(
        `message of ${message.sizeBytes} bytes is over the ${ctx.options.maxRecordBytes}-byte limit (MAX_RECORD_BYTES)`,
      ),
    ]
  }
  let mail: ParsedMail
  try {
    mail = await parseEmailMessage(message.bytes)
  } catch (thrown) {
    return [reject(`unparseable message: ${coerceError(thrown).message}`)]
  }
  if (!mail.headerLines.some((line) => MESSAGE_HEADERS.has(line.key))) {
    throw new NotARecordError(
      'not an email message: no From, To, Date, Message-ID or Received header',
    )
  }

  const skipReason = automaticSkipReason(mail)
  if (skipReason) return [{ kind: 'skip', recordNumber, reason: skipReason }]
  const facts = readEmailFacts(mail, ctx.dateWindow)
  // Staff mail is an agent reply whoever it went to: a reply goes to the customer, not the inbox.
  if (facts.sender && isStaffAddress(facts.sender.address, ctx.options.staffDomain)) {
    return [toAgentReply(facts, recordNumber, reject)]
  }
  const inbox = inboxOf(mail, ctx.options)
  switch (inbox) {
    case 'consultation':
      return [toCustomerTicket(facts, recordNumber, ctx, threads, reject)]
    case 'report':
      return toLaporOutputs(mail, facts, recordNumber, reject)
    case null:
      return [reject('unknown inbox')]
    default:
      return assertNever(inbox)
  }
}

/** Whether the header block (up to the first blank line) names one of MESSAGE_HEADERS. */
function hasMailHeader(bytes: Buffer): boolean {
  const text = bytes.subarray(0, RAW_TEXT_BYTES).toString('latin1')
  const blank = text.search(/\r?\n\r?\n/)
  const headers = blank === -1 ? text : text.slice(0, blank)
  return headers.split(/\r?\n/).some((line) => {
    const colon = line.indexOf(':')
    return colon > 0 && MESSAGE_HEADERS.has(line.slice(0, colon).trim().toLowerCase())
  })
}

function rawTextOf(bytes: Buffer): string {
  const text = bytes.subarray(0, RAW_TEXT_BYTES).toString('utf8')
  const cut =
    bytes.length > RAW_TEXT_BYTES ? `\n[… ${bytes.length - RAW_TEXT_BYTES} more bytes]` : ''
  return text + cut
}
