import { parseAddressHeader, type ParsedMail, type StructuredHeader } from 'mailparser'
import { decodeCharset, decodeEncodedWords, decodeUtf8Strict } from './email-charset.js'
import { firstHeaderValue } from './email-headers.js'

/** A header value as text, with a warning when its bytes could only be guessed or not decoded. */
export interface HeaderText {
  text: string
  warning: string | null
}

const EIGHT_BIT = /[\x80-\xff]/
const UTF7_WORD = /=\?(?:unicode-1-1-)?utf-?7(?:\*[^?]*)?\?/i
/** What Excel, Outlook and Windows mailers write when nothing is declared; Latin-1 is a subset. */
const GUESSED_CHARSET = 'windows-1252'

/**
 * The text of header `key` (Subject, From…) the way its sender wrote it. mailparser reads raw
 * 8-bit header bytes as UTF-8 (Big5, GB2312 or Latin-1 bytes become U+FFFD) and leaves UTF-7
 * encoded words undecoded; those are decoded here: raw bytes in the message's declared charset,
 * else as Windows-1252 with a warning. Null when the header is absent.
 */
export function headerText(
  mail: ParsedMail,
  key: string,
  parsed: string | null,
): HeaderText | null {
  const raw = firstHeaderValue(mail, key)
  if (raw === null) return null
  const name = headerName(key)
  let text = parsed ?? raw
  let warning: string | null = null
  if (EIGHT_BIT.test(raw)) {
    const bytes = Buffer.from(raw, 'latin1')
    const declared = declaredCharset(mail)
    const decoded = decodeUtf8Strict(bytes) ?? (declared ? decodeCharset(bytes, declared) : null)
    if (decoded === null) {
      warning = `${name}: 8-bit text without a declared charset, read as Windows-1252`
      text = decodeEncodedWords(decodeCharset(bytes, GUESSED_CHARSET)!)
    } else {
      text = decodeEncodedWords(decoded)
    }
  } else if (UTF7_WORD.test(raw)) {
    text = decodeEncodedWords(raw)
  }
  if (text.includes('\uFFFD')) warning = `${name}: text that could not be decoded (U+FFFD)`
  return { text, warning }
}

/** The addresses of an address header, decoded the same way (display names in Big5, Latin-1…). */
export function addressHeaderText(mail: ParsedMail, key: 'from'): HeaderText | null {
  const raw = firstHeaderValue(mail, key)
  if (raw === null || (!EIGHT_BIT.test(raw) && !UTF7_WORD.test(raw))) return null
  return headerText(mail, key, null)
}

/** Addresses of a decoded address header value. */
export function parseAddresses(text: string): { name: string; address: string }[] {
  return parseAddressHeader(text).value.flatMap((entry) => {
    const mailboxes = entry.group ?? [entry]
    return mailboxes.flatMap((mailbox) => {
      const address = mailbox.address?.trim().toLowerCase()
      return address ? [{ name: mailbox.name.trim(), address }] : []
    })
  })
}

/** The charset the message declares for its text: the top-level Content-Type's, if any. */
function declaredCharset(mail: ParsedMail): string | null {
  const contentType = mail.headers?.get('content-type') as StructuredHeader | undefined
  const charset = contentType?.params?.charset?.trim()
  return charset && !/^(?:us-)?ascii$/i.test(charset) ? charset : null
}

function headerName(key: string): string {
  return key.replace(
    /(^|-)([a-z])/g,
    (_, dash: string, letter: string) => dash + letter.toUpperCase(),
  )
}
