import type { ParsedMail } from 'mailparser'
import type { AdapterOptions } from './adapter.js'
import { addressesOf, domainOf } from './email-headers.js'

export type Inbox = 'consultation' | 'report'

/** Checked in this order: Delivered-To names the mailbox the server actually delivered to. */
const RECIPIENT_HEADERS = ['delivered-to', 'to', 'cc'] as const

/**
 * The first recipient header that names one of the two inboxes decides; a header naming both
 * is a consultation. Null when none names either.
 */
export function inboxOf(mail: ParsedMail, options: AdapterOptions): Inbox | null {
  const consultation = options.consultationInbox.trim().toLowerCase()
  const report = options.reportInbox.trim().toLowerCase()
  for (const key of RECIPIENT_HEADERS) {
    const addresses = new Set(addressesOf(mail, key).map((recipient) => recipient.address))
    if (addresses.has(consultation)) return 'consultation'
    if (addresses.has(report)) return 'report'
  }
  return null
}

/** The staff domain and its subdomains (`djpk.kemenkeu.go.id`) are the contact center's own. */
export function isStaffAddress(address: string, staffDomain: string): boolean {
  const staff = staffDomain.trim().toLowerCase().replace(/^@/, '')
  const domain = domainOf(address)
  return domain === staff || domain.endsWith(`.${staff}`)
}
