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
  if (!/\d|@/.test(text)) return text
  return text.replace(EMAIL, '[email]').replace(PHONE, '[nomor]')
}
