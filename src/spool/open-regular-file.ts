import { constants, promises as fs, type Stats } from 'node:fs'
import { UnreadableFileError } from '../errors.js'

export interface OpenedFile {
  handle: fs.FileHandle
  stat: Stats
}

/**
 * O_NOFOLLOW: a symlink in the last component fails (ELOOP) instead of being followed;
 * O_NONBLOCK: opening a FIFO without a writer returns at once instead of hanging.
 */
const FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK

/**
 * Opens one file descriptor and checks what it is on that very descriptor (fstat), so the file
 * read is the file checked: no name is looked up twice. Only a regular file with exactly one
 * link will do: a hard link is another name for a file anywhere on the file system.
 */
export async function openRegularFile(file: string): Promise<OpenedFile> {
  let handle: fs.FileHandle
  try {
    handle = await fs.open(file, FLAGS)
  } catch (error) {
    throw new UnreadableFileError(file, openProblem(error), { cause: error })
  }
  try {
    const stat = await handle.stat()
    const problem = fileProblem(stat)
    if (problem) throw new UnreadableFileError(file, problem)
    return { handle, stat }
  } catch (error) {
    await handle.close()
    throw error
  }
}

function openProblem(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ELOOP':
      return 'a symbolic link: dering reads only regular files (copy the file itself)'
    case 'ENOENT':
      return 'no such file'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'a folder, not a file'
    default:
      return `cannot open it (${(error as Error).message})`
  }
}

function fileProblem(stat: Stats): string | null {
  if (stat.isDirectory()) return 'a folder, not a file'
  if (stat.isFIFO()) return 'a named pipe (FIFO), not a regular file'
  if (stat.isSocket()) return 'a socket, not a regular file'
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device, not a regular file'
  if (!stat.isFile()) return 'not a regular file'
  if (stat.nlink !== 1) {
    return `has ${stat.nlink} hard links: dering reads only files with one name (copy it instead of linking it)`
  }
  return null
}
