import { open } from 'node:fs/promises'

const END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06])
const CENTRAL_HEADER = 0x02014b50

/**
 * exceljs writes through archiver, which stamps every zip entry with the time of writing; the
 * sample must be byte-identical for one seed, so the stamps are rewritten in place to `at`
 * (local and central headers, found through the central directory).
 */
export async function pinZipEntryTimes(path: string, at: Date): Promise<void> {
  const file = await open(path, 'r+')
  try {
    const { size } = await file.stat()
    const tail = Buffer.alloc(Math.min(size, 22 + 0xffff))
    await file.read(tail, 0, tail.length, size - tail.length)
    const end = tail.lastIndexOf(END_OF_CENTRAL_DIRECTORY)
    if (end < 0) throw new Error(`${path}: not a zip file`)
    const entries = tail.readUInt16LE(end + 10)
    const directory = Buffer.alloc(tail.readUInt32LE(end + 12))
    const directoryOffset = tail.readUInt32LE(end + 16)
    await file.read(directory, 0, directory.length, directoryOffset)

    const stamp = dosTimestamp(at)
    let pos = 0
    for (let i = 0; i < entries; i += 1) {
      if (directory.readUInt32LE(pos) !== CENTRAL_HEADER) {
        throw new Error(`${path}: bad zip directory`)
      }
      stamp.copy(directory, pos + 12)
      await file.write(stamp, 0, stamp.length, directory.readUInt32LE(pos + 42) + 10)
      pos +=
        46 +
        directory.readUInt16LE(pos + 28) +
        directory.readUInt16LE(pos + 30) +
        directory.readUInt16LE(pos + 32)
    }
    await file.write(directory, 0, directory.length, directoryOffset)
  } finally {
    await file.close()
  }
}

/** MS-DOS time and date words, as zip headers store them (local time, 2-second steps). */
function dosTimestamp(at: Date): Buffer {
  const stamp = Buffer.alloc(4)
  stamp.writeUInt16LE(
    (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
    0,
  )
  stamp.writeUInt16LE(
    ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
    2,
  )
  return stamp
}
