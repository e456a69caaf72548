/** A file signature: the bytes at `offset` that name a binary format. */
interface Signature {
  offset: number
  bytes: readonly number[]
  kind: string
}

const ascii = (text: string): number[] => Array.from(text, (ch) => ch.charCodeAt(0))

/**
 * Magic numbers of files that land in an export folder by mistake: images, documents, archives,
 * programs. Each is long or specific enough that no CSV, mail or CDR text starts with it.
 */
const SIGNATURES: readonly Signature[] = [
  { offset: 0, bytes: [0x89, ...ascii('PNG\r\n'), 0x1a, 0x0a], kind: 'PNG image' },
  { offset: 0, bytes: [0xff, 0xd8, 0xff], kind: 'JPEG image' },
  { offset: 0, bytes: ascii('GIF87a'), kind: 'GIF image' },
  { offset: 0, bytes: ascii('GIF89a'), kind: 'GIF image' },
  { offset: 8, bytes: ascii('WEBP'), kind: 'WebP image' },
  { offset: 0, bytes: [0x49, 0x49, 0x2a, 0x00], kind: 'TIFF image' },
  { offset: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a], kind: 'TIFF image' },
  { offset: 4, bytes: ascii('ftyp'), kind: 'MP4/QuickTime media' },
  { offset: 0, bytes: ascii('%PDF-'), kind: 'PDF document' },
  {
    offset: 0,
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    kind: 'legacy Office document (XLS/DOC, OLE2)',
  },
  { offset: 0, bytes: ascii('PK\x03\x04'), kind: 'ZIP archive' },
  { offset: 0, bytes: ascii('PK\x05\x06'), kind: 'ZIP archive' },
  { offset: 0, bytes: ascii('PK\x07\x08'), kind: 'ZIP archive' },
  { offset: 0, bytes: [0x1f, 0x8b], kind: 'gzip archive' },
  { offset: 0, bytes: ascii('Rar!\x1a\x07'), kind: 'RAR archive' },
  { offset: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: '7-Zip archive' },
  { offset: 0, bytes: ascii('SQLite format 3\0'), kind: 'SQLite database' },
  { offset: 0, bytes: [0x7f, ...ascii('ELF')], kind: 'ELF executable' },
]

/**
 * What a file's first bytes say it is (`PNG image`, `PDF document`, `ZIP archive`), or null
 * when they carry no known signature. A ZIP is named more precisely when its first entry tells:
 * an XLSX or DOCX package, an OpenDocument file.
 */
export function sniffBinary(head: Buffer): string | null {
  const signature = SIGNATURES.find(({ offset, bytes }) =>
    bytes.every((byte, i) => head[offset + i] === byte),
  )
  if (!signature) return null
  if (signature.kind === 'ZIP archive') return describeZip(head) ?? signature.kind
  if (signature.kind === 'WebP image' && !head.subarray(0, 4).equals(Buffer.from('RIFF'))) {
    return null
  }
  return signature.kind
}

/** True when the bytes start like a ZIP archive, the container of an XLSX workbook. */
export function isZip(head: Buffer): boolean {
  return head.subarray(0, 2).toString('latin1') === 'PK'
}

/** The first local file header names its entry (offset 30, length at 26); ODF stores its type first. */
function describeZip(head: Buffer): string | null {
  if (head.length < 30) return null
  const nameLength = head.readUInt16LE(26)
  const name = head.subarray(30, 30 + nameLength).toString('latin1')
  if (name === 'mimetype') {
    const type = head.subarray(30 + nameLength + head.readUInt16LE(28)).toString('latin1')
    if (type.startsWith('application/vnd.oasis.opendocument.spreadsheet')) {
      return 'OpenDocument spreadsheet (ODS)'
    }
    if (type.startsWith('application/vnd.oasis.opendocument')) return 'OpenDocument file'
  }
  if (name.startsWith('word/')) return 'Word document (DOCX)'
  return null
}
