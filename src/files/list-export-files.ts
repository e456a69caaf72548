import { promises as fs } from 'node:fs'
import path from 'node:path'

/** Names that are not exports, or not finished: hidden files and partial downloads. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || /\.(part|tmp|crdownload)$/i.test(name)
}

/**
 * Expands files and folders (recursively, sorted) into the export files to ingest. A path
 * that does not exist is an error naming it; symlinks are not followed. A path given that is
 * not a folder is passed on as it is: capture says why it refuses a symlink or a FIFO.
 */
export async function listExportFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = []
  for (const given of paths) {
    const stat = await fs.lstat(given).catch(() => null)
    if (!stat) throw new Error(`${given}: no such file or folder`)
    if (stat.isDirectory()) files.push(...(await walk(given)))
    else files.push(path.resolve(given))
  }
  return files
}

async function walk(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true })
  const files: string[] = []
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (isIgnoredName(entry.name)) continue
    const full = path.resolve(dir, entry.name)
    if (entry.isDirectory()) files.push(...(await walk(full)))
    else if (entry.isFile()) files.push(full)
  }
  return files
}
