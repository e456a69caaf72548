import { constants, promises as fs } from 'node:fs'
import path from 'node:path'
import type { Channel } from '../domain/channel.js'
import { toWibMonth } from '../domain/wib-month.js'

export interface InboxFile {
  channel: Channel
  path: string
  sha256: string
}

/** The archive sits inside the inbox, so moving into it is a rename on the same file system. */
export const ARCHIVE_FOLDER = 'archive'

/** Whether a file lies directly in its channel's inbox folder (where the scanner takes files from). */
export async function isInInbox(
  inboxDir: string,
  file: Pick<InboxFile, 'channel' | 'path'>,
): Promise<boolean> {
  const folder = await fs.realpath(path.join(inboxDir, file.channel)).catch(() => null)
  return folder !== null && path.dirname(path.resolve(file.path)) === folder
}

/**
 * Moves an ingested inbox file to `archive/<channel>/YYYY/MM/` (the WIB month of `now`) and
 * returns its new path; null when the file is not in the inbox or is already gone. A name
 * taken in the archive gets the content hash appended: nothing there is ever overwritten.
 */
export async function archiveInboxFile(
  inboxDir: string,
  file: InboxFile,
  now: Date,
): Promise<string | null> {
  if (!(await isInInbox(inboxDir, file))) return null
  const [year, month] = toWibMonth(now).split('-')
  const folder = path.join(await fs.realpath(inboxDir), ARCHIVE_FOLDER, file.channel, year!, month!)
  await fs.mkdir(folder, { recursive: true })
  const { name, ext } = path.parse(file.path)
  const candidates = [
    `${name}${ext}`,
    `${name}-${file.sha256.slice(0, 12)}${ext}`,
    `${name}-${file.sha256}-${now.getTime()}${ext}`,
  ]
  for (const candidate of candidates) {
    const target = path.join(folder, candidate)
    try {
      await moveWithoutOverwrite(file.path, target)
      return target
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return null
      if (code !== 'EEXIST') throw error
    }
  }
  throw new Error(
    `${file.path}: cannot archive it, ${candidates.length} names in ${folder} are taken`,
  )
}

/** link + unlink never replaces an existing file (rename would); copy where links are not allowed. */
async function moveWithoutOverwrite(from: string, to: string): Promise<void> {
  try {
    await fs.link(from, to)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') {
      throw error
    }
    await fs.copyFile(from, to, constants.COPYFILE_EXCL)
  }
  await fs.unlink(from)
}
