/**
 * Email addresses: a local part and a dotted domain, as customers type them into a subject.
 * Checked before phone numbers, whose digits an address may hold.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu

/**
 * Indonesian phone numbers as typed: `0812…`, `+62 812-…`, `62812…`, `(021) 345 6789`, digits
 * grouped by spaces, dashes or dots. 8–12 digits after the prefix; a longer run of digits (a
 * tax number, an account) is not a phone number, nor is a date (`01.12.2021` has too few).
 */
const PHONE =
  /(?<![\p{L}\p{N}+@.])(?:\+62|62|\(?0)(?:[ \u00a0.()-]{0,2}[1-9])(?:[ \u00a0.()-]{0,2}\d){7,11}(?![ \u00a0.-]?\d|[\p{L}@])/gu

/**
 * Free text (a subject, a topic, an agent's note) with every email address and phone number
 * replaced by `[email]` and `[nomor]`, before it is stored where analysts and reports read it.
 * The contact itself survives only as the ticket's keyed customer_key.
 */
export function redactContacts(text: string): string {
  // Each pattern only where it could match: an address has an @, a phone number 9 digits or more
  // (`0` and 8), which most subjects lack.
  const withoutEmails = text.includes('@') ? text.replace(EMAIL, '[email]') : text
  return hasDigits(withoutEmails, 9) ? withoutEmails.replace(PHONE, '[nomor]') : withoutEmails
}

function hasDigits(text: string, count: number): boolean {
  let missing = count
  for (let i = 0; i < text.length && missing > 0; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x30 && code <= 0x39) missing -= 1
  }
  return missing === 0
}
