import { createHmac } from 'node:crypto'

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
  return (contact) => {
    if (!contact?.trim()) return null
    const normalized = contact.includes('@') ? normalizeEmail(contact) : normalizePhone(contact)
    if (!normalized) return null
    return createHmac('sha256', secret).update(normalized).digest('hex').slice(0, 32)
  }
}
