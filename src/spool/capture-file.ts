import { createHash, randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { openRegularFile } from './open-regular-file.js'
import { spoolEntryPath } from './spool-entry.js'

export interface CapturedFile {
  sha256: string
  size: number
  /** The original file as it was opened, so its caller can tell whether it is still that file. */
  dev: number
  ino: number
  mtimeMs: number
}

const CHUNK_BYTES = 1 << 20

/** Spool entries are read by dering only; nobody needs to write them once they are named. */
const ENTRY_MODE = 0o440

/**
 * Copies a file into the spool as `<sha256>`, hashing while copying from one open descriptor
 * (openRegularFile: no symlink, no FIFO, one link), into a temporary name in the spool that is
 * then renamed: an entry is whole or absent, and always holds the bytes its name says. The
 * copy is a plain stream (no reflink: that works on names, not on an open descriptor).
 */
export async function captureFile(spoolDir: string, file: string): Promise<CapturedFile> {
  const { handle, stat } = await openRegularFile(file)
  await fs.mkdir(spoolDir, { recursive: true, mode: 0o750 })
  const temporary = path.join(spoolDir, `.capture-${randomBytes(8).toString('hex')}`)
  try {
    const hash = createHash('sha256')
    let size = 0
    const output = await fs.open(temporary, 'wx', ENTRY_MODE)
    try {
      const buffer = Buffer.alloc(CHUNK_BYTES)
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null)
        if (bytesRead === 0) break
        const chunk = buffer.subarray(0, bytesRead)
        hash.update(chunk)
        size += bytesRead
        await output.writeFile(chunk) // writes it whole, at the current position
      }
      await output.sync() // on disk before it gets its name
    } finally {
      await output.close()
    }
    const sha256 = hash.digest('hex')
    await fs.rename(temporary, spoolEntryPath(spoolDir, sha256))
    return { sha256, size, dev: stat.dev, ino: stat.ino, mtimeMs: stat.mtimeMs }
  } catch (error) {
    await fs.rm(temporary, { force: true })
    throw error
  } finally {
    await handle.close()
  }
}
