/**
 * Signatures of files that are never a channel export, by their first bytes; none that plain
 * text could start with (binary data without one is caught by its control bytes).
 */
const SIGNATURES: readonly { bytes: readonly number[]; offset?: number; name: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], name: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], name: 'a GIF image' },
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61], name: 'a GIF image' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], name: 'a TIFF image' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], name: 'a TIFF image' },
  { bytes: [0x66, 0x74, 0x79, 0x70], offset: 4, name: 'an MP4/HEIC media file' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], name: 'a PDF document' },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    name: 'an old Office document (.xls/.doc/.msg)',
  },
  { bytes: [0x1f, 0x8b], name: 'a gzip archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], name: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], name: 'a RAR archive' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], name: 'an xz archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], name: 'a program (ELF)' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], name: 'an SQLite database' },
]
const ZIP = [0x50, 0x4b, 0x03, 0x04]
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06]
/**
 * Share of control bytes (NUL, tab and line breaks aside) above which text is binary data.
 * Random bytes have about 11%; a text export with one corrupted stretch in its head stays below,
 * so its bad lines become rejects instead of failing the file.
 */
const MAX_CONTROL_SHARE = 0.08

/**
 * Why the file's start shows it is not a text export: an image, a PDF, an archive, a program or
 * binary data; null when it may be the expected format. NUL bytes do not count as binary:
 * switches pad CDR text with them, and UTF-16 text has them.
 */
export function foreignFormatOf(head: Buffer): string | null {
  if (startsWith(head, ZIP) || startsWith(head, EMPTY_ZIP)) {
    return 'looks like a ZIP archive (an XLSX workbook or another zipped file)'
  }
  const found = SIGNATURES.find((s) => startsWith(head, s.bytes, s.offset))
  if (found) return `looks like ${found.name}`
  return controlShare(head) > MAX_CONTROL_SHARE ? 'looks like binary data, not text' : null
}
function startsWith(head: Buffer, bytes: readonly number[], offset = 0): boolean {
  if (head.length < offset + bytes.length) return false
  return bytes.every((byte, i) => head[offset + i] === byte)
}

function controlShare(head: Buffer): number {
  let control = 0
  let counted = 0
  for (const byte of head) {
    if (byte === 0) continue
    counted += 1
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) {
      control += 1
    } else if (byte === 0x7f) control += 1
  }
  return counted === 0 ? 0 : control / counted
}
