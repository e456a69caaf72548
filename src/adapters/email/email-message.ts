import type { ParsedMail } from 'mailparser'
import type { DateWindow } from '../adapter.js'
import { sentAtOf } from './email-date.js'
import { parseMime } from './email-mime.js'
import { addressHeaderText, headerText, parseAddresses } from './email-text.js'
import {
  addressesOf,
  firstHeaderValue,
  firstMessageId,
  headerValues,
  type MailAddress,
} from './email-headers.js'

const PARSER_OPTIONS = {
  // cid: links stay in the HTML, so inline images can be told from attachments (email-lapor.ts).
  keepCidLinks: true,
  keepDeliveryStatus: true,
  checksumAlgo: 'sha256',
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
} as const

/** The headers kept as a ticket's raw record: enough to re-derive every fact. */
const RAW_HEADERS = [
  ['message-id', 'Message-ID'],
  ['date', 'Date'],
  ['from', 'From'],
  ['to', 'To'],
  ['cc', 'Cc'],
  ['delivered-to', 'Delivered-To'],
  ['x-original-to', 'X-Original-To'],
  ['envelope-to', 'Envelope-To'],
  ['x-envelope-to', 'X-Envelope-To'],
  ['subject', 'Subject'],
  ['in-reply-to', 'In-Reply-To'],
  ['references', 'References'],
] as const

/** What the rules need from one message, read once. */
export interface EmailFacts {
  /** Own Message-ID without angle brackets. */
  messageId: string | null
  /** The thread's first message: first id of References, else In-Reply-To; null for neither. */
  threadRootId: string | null
  sender: MailAddress | null
  /**
   * Date, else the topmost Received header's date when Date is missing, unparseable or outside
   * the date window; null with `dateProblem` when neither gives a plausible date.
   */
  sentAt: Date | null
  dateProblem: string | null
  /** The decoded Subject, '' when there is none. */
  subject: string
  raw: Record<string, string | string[]>
  /** Text that was guessed or could not be decoded, the Date passed over. */
  warnings: string[]
}

/** Parses one message from its bytes (never from a string: the charset is the message's own). */
export function parseEmailMessage(bytes: Buffer): Promise<ParsedMail> {
  return parseMime(bytes, PARSER_OPTIONS)
}

export function readEmailFacts(mail: ParsedMail, window: DateWindow): EmailFacts {
  const received = firstHeaderValue(mail, 'received')
  // mailparser turns an unreadable Date into "now": the header is parsed here instead.
  const date = sentAtOf(firstHeaderValue(mail, 'date'), received, window)
  const subject = headerText(mail, 'subject', mail.subject ?? null)
  const from = addressHeaderText(mail, 'from')
  const warnings = [date.warning, subject?.warning, from?.warning].filter(
    (warning): warning is string => Boolean(warning),
  )
  return {
    messageId: firstMessageId(firstHeaderValue(mail, 'message-id')),
    threadRootId:
      firstMessageId(firstHeaderValue(mail, 'references')) ??
      firstMessageId(firstHeaderValue(mail, 'in-reply-to')),
    sender: (from ? parseAddresses(from.text) : addressesOf(mail, 'from'))[0] ?? null,
    sentAt: date.sentAt,
    dateProblem: date.problem,
    subject: subject?.text.replace(/\s+/g, ' ').trim() ?? '',
    raw: rawHeadersOf(mail, received),
    warnings,
  }
}

function rawHeadersOf(
  mail: ParsedMail,
  received: string | null,
): Record<string, string | string[]> {
  const raw: Record<string, string | string[]> = {}
  for (const [key, name] of RAW_HEADERS) {
    const values = headerValues(mail, key)
    if (values.length > 0) raw[name] = values.length === 1 ? values[0]! : values
  }
  if (received) raw.Received = received
  return raw
}
