import { deflateRawSync } from 'node:zlib'

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

/** A stored entry made here (e.g. an empty part); the streaming reader does not check CRCs. */
export function storedEntry(path: string, content: string): ZipEntry {
  const data = Buffer.from(content)
  return { path, flags: 0x800, method: 0, crc: 0, size: data.length, data }
}

/**
 * Trailing padding: 1 MiB of zeros, too large for the unzip stream to buffer. The streaming
 * reader of exceljs stops at the `end` its unzipper emits on reaching the end of the input,
 * dropping small entries still buffered (a last, small sharedStrings.xml left every text cell
 * empty); an entry that cannot be buffered holds that `end` back until the real entries are read.
 */
const PADDING = {
  ...storedEntry('zz-padding', ''),
  method: 8,
  size: 1 << 20,
  data: deflateRawSync(Buffer.alloc(1 << 20)),
}

/** A ZIP archive of these entries in this order, then the padding. */
export function packZipStream(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = []
  const directory: Buffer[] = []
  let offset = 0
  for (const entry of [...entries, PADDING]) {
    const name = Buffer.from(entry.path)
    // Sizes are known now: no trailing data descriptor (flag bit 3).
    const flags = entry.flags & ~0x8 & 0xffff
    const local = Buffer.alloc(30)
    local.writeUInt32LE(LOCAL_HEADER, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(flags, 6)
    local.writeUInt16LE(entry.method, 8)
    local.writeUInt32LE(entry.crc, 14)
    local.writeUInt32LE(entry.data.length, 18)
    local.writeUInt32LE(entry.size, 22)
    local.writeUInt16LE(name.length, 26)
    const listed = Buffer.alloc(46)
    listed.writeUInt32LE(DIRECTORY_ENTRY, 0)
    listed.writeUInt16LE(20, 4)
    listed.writeUInt16LE(20, 6)
    local.copy(listed, 8, 6, 30)
    listed.writeUInt32LE(offset, 42)
    locals.push(local, name, entry.data)
    directory.push(listed, name)
    offset += 30 + name.length + entry.data.length
  }
  const list = Buffer.concat(directory)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(END_OF_DIRECTORY, 0)
  end.writeUInt16LE(entries.length + 1, 8)
  end.writeUInt16LE(entries.length + 1, 10)
  end.writeUInt32LE(list.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, list, end])
}
