import { realpath } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { UnreadableFileError } from '../errors.js'

/**
 * The folders ingest jobs may read from: INGEST_ROOTS when set (comma-separated), else the
 * worker's working directory, the inbox and the system's temporary folder. A job names a path
 * and anyone who can write to Redis can queue one: without roots a worker would read any file
 * it can open (keys, /etc) into the quarantine table.
 */
export function ingestRootsOf(setting: string | undefined, inboxDir: string): string[] {
  const roots = setting
    ? setting
        .split(',')
        .map((root) => root.trim())
        .filter(Boolean)
    : [process.cwd(), inboxDir, tmpdir()]
  return roots.map((root) => path.resolve(root))
}

/**
 * Fails (as an unreadable file: replay it once the setting allows it) unless the file, with
 * every symlink and `..` resolved, lies inside one of the roots.
 */
export async function assertInsideRoots(file: string, roots: readonly string[]): Promise<void> {
  const real = await realpath(file).catch(() => path.resolve(file))
  for (const root of roots) {
    const realRoot = await realpath(root).catch(() => root)
    const relative = path.relative(realRoot, real)
    if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) return
  }
  throw new UnreadableFileError(
    file,
    `outside the folders ingest may read (${roots.join(', ')}); add its folder to INGEST_ROOTS (the workers' setting: restart them) and replay`,
  )
}
