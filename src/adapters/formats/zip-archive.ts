/** One stored file of a ZIP archive, its data still compressed. */
export interface ZipEntry {
  /** As stored, with `/` separators. */
  path: string
  flags: number
  method: number
  crc: number
  size: number
  data: Buffer
}

const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50
const LOCAL_HEADER = 0x04034b50

/**
 * The entries of a whole ZIP archive, read from its central directory (the one reliable list:
 * local headers may leave sizes to a trailing descriptor). Keyed by lower-cased path, as package
 * part names compare without case. Throws when the bytes are not a complete archive.
 */
export function readZipDirectory(archive: Buffer): Map<string, ZipEntry> {
  const end = findEndOfDirectory(archive)
  if (end < 0) throw new Error('no ZIP central directory: the file is truncated or damaged')
  const count = archive.readUInt16LE(end + 10)
  const directoryOffset = archive.readUInt32LE(end + 16)
  if (count === 0xffff || directoryOffset === 0xffffffff) {
    throw new Error('a ZIP64 archive, which this reader does not support')
  }
  const entries = new Map<string, ZipEntry>()
  let at = directoryOffset
  for (let i = 0; i < count; i++) {
    if (at + 46 > archive.length || archive.readUInt32LE(at) !== DIRECTORY_ENTRY) {
      throw new Error(`damaged ZIP central directory at byte ${at}`)
    }
    const nameLength = archive.readUInt16LE(at + 28)
    const entry = readEntry(archive, {
      flags: archive.readUInt16LE(at + 8),
      method: archive.readUInt16LE(at + 10),
      crc: archive.readUInt32LE(at + 16),
      compressedSize: archive.readUInt32LE(at + 20),
      size: archive.readUInt32LE(at + 24),
      path: archive.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      localOffset: archive.readUInt32LE(at + 42),
    })
    entries.set(entry.path.toLowerCase(), entry)
    at += 46 + nameLength + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32)
  }
  return entries
}

interface DirectoryRecord extends Omit<ZipEntry, 'data'> {
  compressedSize: number
  localOffset: number
}

function readEntry(archive: Buffer, record: DirectoryRecord): ZipEntry {
  const { localOffset, compressedSize, ...fields } = record
  const path = fields.path.replace(/\\/g, '/').replace(/^\/+/, '')
  if (fields.flags & 1) throw new Error(`${path} is encrypted`)
  if (localOffset + 30 > archive.length || archive.readUInt32LE(localOffset) !== LOCAL_HEADER) {
    throw new Error(`damaged ZIP entry ${path} at byte ${localOffset}`)
  }
  const start =
    localOffset +
    30 +
    archive.readUInt16LE(localOffset + 26) +
    archive.readUInt16LE(localOffset + 28)
  if (start + compressedSize > archive.length) throw new Error(`ZIP entry ${path} is cut short`)
  return { ...fields, path, data: archive.subarray(start, start + compressedSize) }
}

/** The end-of-directory record sits in the last 22 bytes plus at most a 64 KiB comment. */
function findEndOfDirectory(archive: Buffer): number {
  const last = archive.length - 22
  for (let at = last; at >= Math.max(0, last - 0xffff); at--) {
    if (archive.readUInt32LE(at) === END_OF_DIRECTORY) return at
  }
  return -1
}
