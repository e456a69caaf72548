import type { ParsedMail } from 'mailparser'
import type { AdapterOptions } from '../adapter.js'
import { addressesOf, domainOf, headerValues } from './email-headers.js'

export type Inbox = 'consultation' | 'report'

/**
 * Where the receiving server delivered the message, in this order: Delivered-To (Postfix,
 * Gmail), X-Original-To (Postfix, before alias expansion), Envelope-To (Exim), X-Envelope-To.
 * They name the inbox also for Bcc and alias delivery, where To and Cc do not.
 */
const ENVELOPE_HEADERS = [['delivered-to'], ['x-original-to'], ['envelope-to', 'x-envelope-to']]
/** Then the message's own recipients. */
const RECIPIENT_HEADERS = ['to', 'cc'] as const
const ADDRESS = /[^\s<>,;:"()[\]]+@[^\s<>,;:"()[\]]+/g

/**
 * The first recipient header that names one of the two inboxes decides; a header naming both
 * is a consultation. Null when none names either.
 */
export function inboxOf(mail: ParsedMail, options: AdapterOptions): Inbox | null {
  const consultation = options.consultationInbox.trim().toLowerCase()
  const report = options.reportInbox.trim().toLowerCase()
  const candidates = [
    ...ENVELOPE_HEADERS.map((keys) => keys.flatMap((key) => envelopeAddresses(mail, key))),
    ...RECIPIENT_HEADERS.map((key) => addressesOf(mail, key).map((to) => to.address)),
  ]
  for (const addresses of candidates) {
    if (addresses.includes(consultation)) return 'consultation'
    if (addresses.includes(report)) return 'report'
  }
  return null
}

/** Envelope headers hold bare addresses (`X-Original-To: a@b, c@d`), sometimes in `<…>`. */
function envelopeAddresses(mail: ParsedMail, key: string): string[] {
  return headerValues(mail, key).flatMap((value) =>
    [...value.matchAll(ADDRESS)].map(([address]) => address.toLowerCase()),
  )
}

/** The staff domain and its subdomains (`djpk.kemenkeu.go.id`) are the contact center's own. */
export function isStaffAddress(address: string, staffDomain: string): boolean {
  const staff = staffDomain.trim().toLowerCase().replace(/^@/, '')
  const domain = domainOf(address)
  return domain === staff || domain.endsWith(`.${staff}`)
}
