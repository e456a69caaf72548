import { simpleParser, type ParsedMail } from 'mailparser'
import { parseEmailDate, parseReceivedDate } from './email-date.js'
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
  /** Date, else the topmost Received header's date; null with `dateProblem` when neither parses. */
  sentAt: Date | null
  dateProblem: string | null
  /** The decoded Subject, '' when there is none. */
  subject: string
  raw: Record<string, string | string[]>
}

/** Parses one message from its bytes (never from a string: the charset is the message's own). */
export function parseEmailMessage(bytes: Buffer): Promise<ParsedMail> {
  return simpleParser(bytes, PARSER_OPTIONS)
}

export function readEmailFacts(mail: ParsedMail): EmailFacts {
  const dateText = firstHeaderValue(mail, 'date')
  const received = firstHeaderValue(mail, 'received')
  // mailparser turns an unreadable Date into "now": the header is parsed here instead.
  const sentAt = parseEmailDate(dateText) ?? (received ? parseReceivedDate(received) : null)
  return {
    messageId: firstMessageId(firstHeaderValue(mail, 'message-id')),
    threadRootId:
      firstMessageId(firstHeaderValue(mail, 'references')) ??
      firstMessageId(firstHeaderValue(mail, 'in-reply-to')),
    sender: addressesOf(mail, 'from')[0] ?? null,
    sentAt,
    dateProblem: sentAt ? null : describeDateProblem(dateText, received),
    subject: mail.subject?.replace(/\s+/g, ' ').trim() ?? '',
    raw: rawHeadersOf(mail, received),
  }
}

function describeDateProblem(dateText: string | null, received: string | null): string {
  const date = dateText ? `unparseable Date "${dateText}"` : 'missing Date'
  const fallback = received ? 'no date in the topmost Received header' : 'no Received header'
  return `${date} and ${fallback}`
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
