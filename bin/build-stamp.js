// What makes dist/ current: the hash of the sources it was compiled from, written by bin/build.js.
// A content hash (not mtimes) so that a checkout, a pull or a copy that keeps old mtimes still
// counts as a change; hashing the ~1 MB of sources takes a few milliseconds.
import { createHash } from 'node:crypto'
import { lstatSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** Everything tsc reads for dist/: tsconfig.build.json's folders and the two configs. */
const SOURCES = ['src', 'workers', 'db', 'tsconfig.json', 'tsconfig.build.json']
export const DIST = `${ROOT}dist`
const STAMP = `${DIST}/source-hash`

export function hashSources() {
  const hash = createHash('sha256')
  const add = (relative) => {
    // lstat: a link (an editor's lock file, a dangling link) is not a source tsc compiles.
    const stat = lstatSync(ROOT + relative)
    if (stat.isSymbolicLink()) return
    if (stat.isDirectory()) {
      for (const name of readdirSync(ROOT + relative).sort()) add(`${relative}/${name}`)
      return
    }
    hash.update(`${relative}\0`)
    hash.update(readFileSync(ROOT + relative))
    hash.update('\0')
  }
  for (const source of SOURCES) add(source)
  return hash.digest('hex')
}

/**
 * `current` when dist/ was compiled from the sources exactly as they are now, `stale` when it
 * was compiled from other sources (an edit or a pull since), `missing` when it was never built
 * (or its build failed, which writes no stamp).
 */
export function buildState() {
  let stamp
  try {
    stamp = readFileSync(STAMP, 'utf8')
  } catch {
    return 'missing'
  }
  return stamp === hashSources() ? 'current' : 'stale'
}

/** True when dist/ was compiled from the sources exactly as they are now. */
export function isBuildCurrent() {
  return buildState() === 'current'
}

export function writeStamp(sourceHash) {
  writeFileSync(STAMP, sourceHash)
}
