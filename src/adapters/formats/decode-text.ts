import { isUtf8 } from 'node:buffer'

/** How a text file's bytes are read. */
export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be'

/**
 * Windows-1252 is Latin-1 but for 0x80–0x9F, where it has € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž and the
 * typographic quotes Word and Excel type; 0x81, 0x8D, 0x8F, 0x90 and 0x9D stay C1 controls.
 * Written out: Node's TextDecoder('windows-1252') decodes some inputs as plain Latin-1.
 */
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

/** Windows-1252 bytes as text. */
function decodeWindows1252(bytes: Buffer): string {
  return bytes
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (ch) => WINDOWS_1252_HIGH[ch.charCodeAt(0) - 0x80]!)
}

/** One byte of Windows-1252 as UTF-8, for each byte value. */
const WINDOWS_1252 = Array.from({ length: 256 }, (_, byte) =>
  Buffer.from(decodeWindows1252(Buffer.of(byte)), 'utf8'),
)

/**
 * The encoding of a text file, from its first bytes: a UTF-16 byte order mark (Excel's "Unicode
 * Text"), else UTF-8 when those bytes are valid UTF-8, else Windows-1252, what Excel's plain
 * "CSV" writes on an Indonesian (or any Western) Windows PC. `complete` says the head is the
 * whole file; otherwise a multi-byte character cut at its end is not held against it.
 */
export function sniffEncoding(head: Buffer, complete: boolean): TextEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  const end = complete ? head.length : head.length - truncatedTail(head)
  return isUtf8(head.subarray(0, end)) ? 'utf-8' : 'windows-1252'
}

/** The start of a file as text, for sniffing its separator. */
export function decodeHead(head: Buffer, encoding: TextEncoding): string {
  return encoding === 'windows-1252'
    ? decodeWindows1252(head)
    : new TextDecoder(encoding).decode(head)
}

/**
 * Re-encodes a byte stream as UTF-8. In a UTF-8 file a byte that is not part of a valid sequence
 * (a cell pasted from a Windows-1252 file, late in an otherwise UTF-8 export) is read as
 * Windows-1252 on its own, never replaced by U+FFFD; `note` says how many and where, at the end.
 */
export async function* decodeToUtf8(
  chunks: AsyncIterable<Buffer>,
  encoding: TextEncoding,
  note: (message: string) => void,
): AsyncGenerator<Buffer> {
  if (encoding === 'windows-1252') {
    for await (const chunk of chunks) yield Buffer.from(decodeWindows1252(chunk))
    return
  }
  if (encoding !== 'utf-8') {
    const decoder = new TextDecoder(encoding)
    for await (const chunk of chunks) yield Buffer.from(decoder.decode(chunk, { stream: true }))
    const rest = decoder.decode()
    if (rest) yield Buffer.from(rest)
    return
  }
  let carry = Buffer.alloc(0)
  let offset = 0
  const invalid = { count: 0, first: -1 }
  for await (const chunk of chunks) {
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk
    const end = data.length - truncatedTail(data)
    const valid = isUtf8(data.subarray(0, end))
    yield valid ? data.subarray(0, end) : repairUtf8(data.subarray(0, end), offset, invalid)
    carry = Buffer.from(data.subarray(end))
    offset += end
  }
  if (carry.length > 0) yield repairUtf8(carry, offset, invalid)
  if (invalid.count > 0) {
    note(
      `${invalid.count} byte(s) not valid UTF-8 (the first at byte ${invalid.first}): read as Windows-1252`,
    )
  }
}

/** Valid sequences kept, each invalid byte read as Windows-1252; `invalid` counts them. */
function repairUtf8(
  data: Buffer,
  offset: number,
  invalid: { count: number; first: number },
): Buffer {
  const parts: Buffer[] = []
  let start = 0
  let i = 0
  while (i < data.length) {
    const length = utf8SequenceLength(data, i)
    if (length > 0) {
      i += length
      continue
    }
    parts.push(data.subarray(start, i), WINDOWS_1252[data[i]!]!)
    if (invalid.count === 0) invalid.first = offset + i
    invalid.count += 1
    i += 1
    start = i
  }
  parts.push(data.subarray(start))
  return Buffer.concat(parts)
}

/** How many bytes at the end of `data` start a sequence that the next chunk may complete. */
function truncatedTail(data: Buffer): number {
  for (let back = 1; back <= Math.min(3, data.length); back++) {
    const at = data.length - back
    const byte = data[at]!
    if (byte < 0x80) return 0
    if (byte >= 0xc0) return utf8SequenceLength(data, at) === -1 ? back : 0
  }
  return 0
}

/**
 * The length of the UTF-8 sequence at `i` (1–4), 0 when it is invalid (a stray continuation
 * byte, an overlong form, a surrogate, beyond U+10FFFF), -1 when the data ends inside it.
 */
function utf8SequenceLength(data: Buffer, i: number): number {
  const lead = data[i]!
  if (lead < 0x80) return 1
  let length: number
  let low = 0x80
  let high = 0xbf
  if (lead >= 0xc2 && lead <= 0xdf) length = 2
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3
    if (lead === 0xe0) low = 0xa0
    if (lead === 0xed) high = 0x9f
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4
    if (lead === 0xf0) low = 0x90
    if (lead === 0xf4) high = 0x8f
  } else return 0
  for (let k = 1; k < length; k++) {
    const byte = data[i + k]
    if (byte === undefined) return -1
    if (byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return 0
  }
  return length
}
