/**
 * Bytes to text in a mail's legacy charsets: the WHATWG encodings Node knows (Big5, GBK/GB2312,
 * Shift_JIS, ISO-8859-x, Windows-125x, KOI8…) and UTF-7, which Outlook Express and old Exchange
 * sent and MIME parsers refuse (in HTML it can smuggle markup; here it only names things).
 */
export function decodeCharset(bytes: Buffer, charset: string): string | null {
  const name = charset.trim().toLowerCase()
  if (/^(?:unicode-1-1-)?utf-?7$/.test(name)) return decodeUtf7(bytes.toString('latin1'))
  try {
    return new TextDecoder(name).decode(bytes)
  } catch {
    return null
  }
}

/** Valid UTF-8 as text; null when the bytes are not UTF-8. */
export function decodeUtf8Strict(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

/** RFC 2152: `+` starts modified base64 of UTF-16BE, `-` (or any other character) ends it. */
function decodeUtf7(text: string): string {
  return text.replace(/\+([A-Za-z0-9+/]*)-?/g, (_, encoded: string) => {
    if (encoded === '') return '+'
    const bytes = Buffer.from(encoded, 'base64')
    let decoded = ''
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      decoded += String.fromCharCode(bytes.readUInt16BE(i))
    }
    return decoded
  })
}

const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bq])\?([^?\s]*)\?=/gi
const BETWEEN_WORDS = /(\?=)\s+(?==\?)/g

/** RFC 2047 encoded words, any charset decodeCharset knows; an unknown one is left as it is. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(BETWEEN_WORDS, '$1')
    .replace(ENCODED_WORD, (word, charset: string, encoding: string, text: string) => {
      const bytes =
        encoding.toLowerCase() === 'b'
          ? Buffer.from(text, 'base64')
          : Buffer.from(
              text
                .replace(/_/g, ' ')
                .replace(/=([0-9a-f]{2})/gi, (_, hex: string) =>
                  String.fromCharCode(parseInt(hex, 16)),
                ),
              'latin1',
            )
      return decodeCharset(bytes, charset) ?? word
    })
}
