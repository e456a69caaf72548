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

/** An RFC 2047 encoded word, as mail clients write non-ASCII (or any) names. */
export function encodedWord(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`
}

/**
 * A header value as encoded words of at most 75 characters, folded onto continuation lines
 * (RFC 2047, 2): how clients send a long subject.
 */
export function foldedEncodedWords(text: string): string {
  const words: string[] = []
  let chunk = ''
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(encodedWord(chunk))
      chunk = ''
    }
    chunk += char
  }
  if (chunk) words.push(encodedWord(chunk))
  return words.join('\n ')
}

/**
 * An RFC 2231 parameter, `filename*=UTF-8''Laporan%20…`, split into numbered continuations
 * (`filename*0*=…; filename*1*=…`) when long, as Outlook and Thunderbird write it.
 */
export function rfc2231Parameter(name: string, text: string): string {
  const encoded = encodeURIComponent(text).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  if (encoded.length <= 60) return `${name}*=UTF-8''${encoded}`
  const pieces = encoded.match(/(?:%[0-9A-F]{2}|[^%]){1,40}/g) ?? []
  return pieces.map((piece, i) => `${name}*${i}*=${i === 0 ? "UTF-8''" : ''}${piece}`).join(';\n ')
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
