import path from 'node:path'
import { SHA256_PATTERN } from '../domain/sha256-pattern.js'
import { UnreadableFileError } from '../errors.js'
import { openRegularFile, type OpenedFile } from './open-regular-file.js'

/** A spool entry's name: the sha256 of its content, 64 lowercase hex digits, nothing else. */
export function isSha256(name: string): boolean {
  return SHA256_PATTERN.test(name)
}

/** The path of a spool entry; throws on anything but a sha256, so no name can leave the spool. */
export function spoolEntryPath(spoolDir: string, sha256: string): string {
  if (!isSha256(sha256)) throw new UnreadableFileError(sha256, 'not a sha256 spool entry name')
  return path.join(path.resolve(spoolDir), sha256)
}

/**
 * Opens the spool entry of a job's content, the only file an ingest job ever reads. The same
 * checks as capture apply (no symlink, a regular file with one link), so a spool entry someone
 * replaced by a link or a FIFO is refused before a byte is read.
 */
export async function openSpoolEntry(spoolDir: string, sha256: string): Promise<OpenedFile> {
  const file = spoolEntryPath(spoolDir, sha256)
  try {
    return await openRegularFile(file)
  } catch (error) {
    if ((error as { cause?: NodeJS.ErrnoException }).cause?.code === 'ENOENT') {
      throw new UnreadableFileError(
        `spool entry ${sha256}`,
        'gone from the spool (SPOOL_DIR): ingest the file again',
        { cause: error },
      )
    }
    throw error
  }
}
