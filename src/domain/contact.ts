import { boundedMemo } from './bounded-memo.js'
import { hmacSha256Hex } from './hmac-sha256.js'

/** Normalizes an Indonesian phone number to `62…` digits: `0812…`, `+62 812-…`, `62812…` agree. */
export function normalizePhone(raw: string): string | null {
  const digits = raw.replace(/\D/g, '')
  if (digits.length < 5) return null
  if (digits.startsWith('62')) return digits
  if (digits.startsWith('0')) return `62${digits.slice(1)}`
  return `62${digits}`
}

export function normalizeEmail(raw: string): string | null {
  const address = raw.trim().toLowerCase()
  return /^[^\s@]+@[^\s@]+$/.test(address) ? address : null
}

export type CustomerKeyer = (contact: string | null | undefined) => string | null

/**
 * A keyed hash of a phone number or email address: the same contact always gives the same key,
 * and without the secret the key cannot be turned back into the contact.
 */
export function createCustomerKeyer(secret: string): CustomerKeyer {
  const keyOf = hmacSha256Hex(secret)
  // Customers come back: their contacts repeat within a file and across overlapping exports.
  const keyOfContact = boundedMemo(KNOWN_CONTACTS, (contact) => customerKeyOf(keyOf, contact))
  return (contact) => (contact?.trim() ? keyOfContact(contact) : null)
}

const KNOWN_CONTACTS = 20_000

function customerKeyOf(keyOf: (text: string) => string, contact: string): string | null {
  const normalized = contact.includes('@') ? normalizeEmail(contact) : normalizePhone(contact)
  return normalized ? keyOf(normalized).slice(0, 32) : null
}
