import type { ParsedMail, StructuredHeader } from 'mailparser'
import type { SkipReason } from '../../domain/skip-reason.js'
import { headerValues } from './email-headers.js'
import { partType } from './email-mime.js'

/** Headers that mark an auto-reply unless they say `no` (vacation notices, ticket robots). */
const AUTO_REPLY_FLAGS = ['x-autoreply', 'x-autorespond']
const DELIVERY_STATUS = /^message\/(?:global-)?delivery-status$/
/**
 * Subjects auto-responders put before the original (Outlook, Exchange, Gmail, Indonesian and
 * other locales); only trusted with `X-Auto-Response-Suppress`, which person-written Outlook
 * mail also carries.
 */
const AUTO_REPLY_SUBJECT =
  /^\W*(?:automatic reply|auto(?:matic)?[ -]?(?:reply|response|answer)|autoreply|auto:|out of (?:the )?office|balasan otomatis|otomatis:|abwesenheit|r[ée]ponse automatique|respuesta autom[aá]tica|risposta automatica)/i

/** Bounces and auto-replies are nobody's question or answer: they are skipped, never threaded. */
export function automaticSkipReason(mail: ParsedMail): SkipReason | null {
  if (isBounce(mail)) return 'bounce'
  if (isAutoReply(mail)) return 'auto-reply'
  return null
}

function isBounce(mail: ParsedMail): boolean {
  const contentType = mail.headers.get('content-type') as StructuredHeader | undefined
  if (contentType?.value.toLowerCase() === 'multipart/report') return true
  return mail.attachments.some((attachment) => DELIVERY_STATUS.test(partType(attachment)))
}

/**
 * RFC 3834: any Auto-Submitted value but `no` is automatic; also `X-Autoreply`, `X-Autorespond`,
 * `Precedence: auto_reply`, and `X-Auto-Response-Suppress` with an auto-reply subject.
 * `Precedence: bulk|junk|list` alone is list mail, which people write too: never skipped.
 */
function isAutoReply(mail: ParsedMail): boolean {
  const valuesOf = (key: string): string[] => headerValues(mail, key).map(tokenOf)
  if (valuesOf('auto-submitted').some((value) => value !== '' && value !== 'no')) return true
  if (AUTO_REPLY_FLAGS.some((key) => valuesOf(key).some((value) => value !== 'no'))) return true
  if (valuesOf('precedence').includes('auto_reply')) return true
  return (
    headerValues(mail, 'x-auto-response-suppress').length > 0 &&
    AUTO_REPLY_SUBJECT.test(mail.subject ?? '')
  )
}

/** A header's leading token, lower-cased: parameters (`;`) and comments aside. */
function tokenOf(value: string): string {
  return value.split(/[;(]/)[0]!.trim().toLowerCase()
}
