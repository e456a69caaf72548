import type { Prng } from './prng.js'

/** What a message is to a correct adapter. */
export type MailKind = 'customer' | 'agent' | 'auto-reply' | 'bounce' | 'report'

/** A message ready for a mailbox: its text with LF line ends, and when it was sent. */
export interface MailMessage {
  kind: MailKind
  sentAt: Date
  /** The envelope sender, for the mbox `From ` line. */
  sender: string
  text: string
  /** Email Lapor documents it carries: distinct attachment contents. */
  documents: number
}

/** An RFC 2047 encoded word, as mail clients write non-ASCII (or any) subjects and names. */
export function encodedWord(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`
}

/** An RFC 2231 parameter value, `UTF-8''Laporan%20Realisasi%20%E2%80%93.pdf`. */
export function rfc2231Value(text: string): string {
  return `UTF-8''${encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`
}

/** Base64 in 76-character lines, as MIME wants it. */
export function base64Lines(content: Buffer): string {
  return (content.toString('base64').match(/.{1,76}/g) ?? []).join('\n')
}

/** A display name with its address; names with specials are quoted. */
export function mailbox(name: string, address: string): string {
  return /[^\w .-]/.test(name)
    ? `"${name.replaceAll('"', '')}" <${address}>`
    : `${name} <${address}>`
}

export function boundary(prng: Prng): string {
  return `0000000000${prng.hex(16)}`
}

/** A made-up relay address from the documentation ranges (RFC 5737). */
export function relayIp(prng: Prng): string {
  return `${prng.pick(['192.0.2', '198.51.100', '203.0.113'])}.${prng.int(1, 254)}`
}

/**
 * Joins header lines and a body into one message. `headers` keeps its order; entries whose
 * value is null are left out, so optional headers read inline.
 */
export function messageText(
  headers: readonly (readonly [string, string | null])[],
  body: string,
): string {
  const lines = headers
    .filter(([, value]) => value !== null)
    .map(([name, value]) => `${name}: ${value}`)
  return `${lines.join('\n')}\n\n${body.replace(/\n*$/, '\n')}`
}
