import type { Attachment, ParsedMail } from 'mailparser'
import type { AdapterOutput, RejectOutput } from '../../domain/adapter-output.js'
import { domainOf } from './email-headers.js'
import { partType } from './email-mime.js'
import type { EmailFacts } from './email-message.js'

type Reject = (reason: string) => RejectOutput

const CID_LINK = /\bcid:([^"'\s<>)]+)/gi

/**
 * A message to the Email Lapor inbox: one document per attachment, each its own accounted unit;
 * a message without attachments is one unit, skipped. The same content attached twice gives two
 * outputs with the same key (message id + sha256), which the loader stores once.
 */
export function toLaporOutputs(
  mail: ParsedMail,
  facts: EmailFacts,
  recordNumber: number,
  reject: Reject,
): AdapterOutput[] {
  const attachments = documentAttachments(mail)
  if (attachments.length === 0) return [{ kind: 'skip', recordNumber, reason: 'no attachment' }]
  const { messageId, sentAt } = facts
  return attachments.map((attachment): AdapterOutput => {
    const fileName = attachment.filename ?? `(unnamed ${partType(attachment)})`
    if (!messageId) return reject(`missing Message-ID (attachment ${fileName})`)
    if (!sentAt) return reject(`${facts.dateProblem ?? 'missing Date'} (attachment ${fileName})`)
    return {
      kind: 'document',
      recordNumber,
      document: {
        messageId,
        receivedAt: sentAt,
        senderDomain: facts.sender ? domainOf(facts.sender.address) : null,
        fileName,
        sizeBytes: attachment.size,
        sha256: attachment.checksum,
      },
    }
  })
}

/**
 * Parts with a file name, whatever their type or disposition (email-mime.ts), or with
 * `Content-Disposition: attachment`, less images the HTML shows through `cid:` links (logos,
 * signatures, pasted screenshots): those are not documents. Unnamed body text is not either.
 * mailparser has decoded RFC 2231 and encoded-word file names already.
 */
function documentAttachments(mail: ParsedMail): Attachment[] {
  const shownInline = referencedContentIds(mail.html)
  return mail.attachments.filter((attachment) => {
    const named =
      Boolean(attachment.filename) || attachment.contentDisposition?.toLowerCase() === 'attachment'
    const inlineImage =
      partType(attachment).startsWith('image/') &&
      attachment.cid !== undefined &&
      shownInline.has(attachment.cid.toLowerCase())
    return named && !inlineImage
  })
}

function referencedContentIds(html: string | false | undefined): Set<string> {
  const ids = new Set<string>()
  if (!html) return ids
  for (const [, id] of html.matchAll(CID_LINK)) ids.add(decodeContentId(id!).toLowerCase())
  return ids
}

/** RFC 2392: a cid: URL is the Content-ID, %-encoded. */
function decodeContentId(id: string): string {
  try {
    return decodeURIComponent(id)
  } catch {
    return id
  }
}
