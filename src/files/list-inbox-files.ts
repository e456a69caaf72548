import { promises as fs } from 'node:fs'
import path from 'node:path'
import { CHANNELS, type Channel } from '../domain/channel.js'
import { isIgnoredName } from './list-export-files.js'

export interface InboxEntry {
  channel: Channel
  /** Absolute, symlink-free path. */
  path: string
  /** `<channel>/<name>`: the key under which the scanner remembers it. */
  key: string
  size: number
  mtimeMs: number
}

export interface RefusedEntry {
  path: string
  reason: string
}

export interface InboxListing {
  files: InboxEntry[]
  refused: RefusedEntry[]
}

/**
 * Lists the regular files directly inside `<inbox>/<channel>/` for every channel, creating the
 * folders so operators see where to drop exports. The folder names the channel. Hidden and
 * partial names are left alone; symlinks, subfolders and anything resolving outside the inbox
 * are refused, so a link cannot make the worker read an arbitrary file.
 */
export async function listInboxFiles(inboxDir: string): Promise<InboxListing> {
  await fs.mkdir(inboxDir, { recursive: true })
  const root = await fs.realpath(inboxDir)
  const files: InboxEntry[] = []
  const refused: RefusedEntry[] = []
  refused.push(...(await strayRootFiles(root)))
  for (const channel of CHANNELS) {
    const folder = path.join(root, channel)
    await fs.mkdir(folder, { recursive: true }).catch(() => undefined)
    const stat = await fs.lstat(folder).catch(() => null)
    if (!stat?.isDirectory()) {
      refused.push({
        path: folder,
        reason: stat?.isSymbolicLink() ? 'a symbolic link, not a folder' : 'not a folder',
      })
      continue
    }
    const entries = await fs.readdir(folder, { withFileTypes: true })
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (isIgnoredName(entry.name)) continue
      const full = path.join(folder, entry.name)
      const found = await inspectEntry(root, full)
      if (found === null) continue // removed while listing
      if ('refused' in found) refused.push({ path: full, reason: found.refused })
      else files.push({ channel, path: full, key: `${channel}/${entry.name}`, ...found })
    }
  }
  return { files, refused }
}

async function inspectEntry(
  root: string,
  full: string,
): Promise<{ refused: string } | { size: number; mtimeMs: number } | null> {
  const stat = await fs.lstat(full).catch(() => null)
  if (!stat) return null
  if (stat.isSymbolicLink()) {
    return { refused: 'a symbolic link: copy the file itself into the inbox' }
  }
  if (stat.isDirectory()) {
    return { refused: 'a folder: put export files directly in the channel folder' }
  }
  if (!stat.isFile()) return { refused: 'not a regular file' }
  const real = await fs.realpath(full).catch(() => null)
  const relative = real === null ? '..' : path.relative(root, real)
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return { refused: 'resolves outside the inbox' }
  }
  return { size: stat.size, mtimeMs: stat.mtimeMs }
}

/** Files dropped in the inbox root, where no channel is named: left alone, and said so. */
async function strayRootFiles(root: string): Promise<RefusedEntry[]> {
  const entries = await fs.readdir(root, { withFileTypes: true })
  return entries
    .filter((entry) => !entry.isDirectory() && !isIgnoredName(entry.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((entry) => ({
      path: path.join(root, entry.name),
      reason: `in the inbox root, where no channel is named: move it into a channel folder (${CHANNELS.join('/, ')}/)`,
    }))
}
