import { accessSync, constants } from 'node:fs'
import path from 'node:path'

/** Debian and Ubuntu name the package and the command `chromium`. */
export const CHROMIUM_HINT =
  'install Chromium (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to its executable'

/**
 * The Chromium that prints PDFs: CHROMIUM_PATH when set (it must be executable), else `chromium`
 * or `chromium-browser` on PATH; null when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv): { path: string } | { error: string } {
  if (env.CHROMIUM_PATH) {
    return isExecutable(env.CHROMIUM_PATH)
      ? { path: env.CHROMIUM_PATH }
      : { error: `CHROMIUM_PATH: ${env.CHROMIUM_PATH} is not an executable file` }
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = path.join(dir, name)
      if (isExecutable(candidate)) return { path: candidate }
    }
  }
  return { error: 'no chromium on PATH' }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}
