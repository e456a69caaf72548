import type { ParsedMail, StructuredHeader } from 'mailparser'
import type { SkipReason } from '../domain/skip-reason.js'
import { headerValues } from './email-headers.js'

/** Precedence values that mark machine mail; `list` is left out: a person may write via a list. */
const AUTO_PRECEDENCE = new Set(['bulk', 'junk', 'auto_reply'])
/** Headers whose presence alone marks an auto-reply (vacation notices, ticket robots). */
const AUTO_REPLY_FLAGS = ['x-autoreply', 'x-autorespond']
const DELIVERY_STATUS = /^message\/(?:global-)?delivery-status$/i

/** Bounces and auto-replies are nobody's question or answer: they are skipped, never threaded. */
export function automaticSkipReason(mail: ParsedMail): SkipReason | null {
  if (isBounce(mail)) return 'bounce'
  if (isAutoReply(mail)) return 'auto-reply'
  return null
}

function isBounce(mail: ParsedMail): boolean {
  const contentType = mail.headers.get('content-type') as StructuredHeader | undefined
  if (contentType?.value.toLowerCase() === 'multipart/report') return true
  return mail.attachments.some((attachment) => DELIVERY_STATUS.test(attachment.contentType))
}

function isAutoReply(mail: ParsedMail): boolean {
  // RFC 3834: any Auto-Submitted value but `no` (parameters and comments aside) is automatic.
  const autoSubmitted = headerValues(mail, 'auto-submitted').map((value) =>
    value.split(/[;(]/)[0]!.trim().toLowerCase(),
  )
  if (autoSubmitted.some((value) => value !== '' && value !== 'no')) return true
  if (AUTO_REPLY_FLAGS.some((key) => headerValues(mail, key).length > 0)) return true
  return headerValues(mail, 'precedence').some((value) => AUTO_PRECEDENCE.has(value.toLowerCase()))
}
