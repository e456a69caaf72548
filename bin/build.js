#!/usr/bin/env node
// `npm run build` (and `npm ci`, through `prepare`): compiles src/, workers/ and db/ into dist/,
// which bin/dering.js runs as long as the sources are unchanged.
// With --optional (prepare) a failed build only warns, so that `npm ci` still installs; the CLI
// then asks for `npm run build` until one succeeds.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { DIST, hashSources, writeStamp } from './build-stamp.js'

const optional = process.argv.includes('--optional')

function fail(message) {
  process.stderr.write(
    `dering build: ${message}; the CLI runs only once npm run build succeeds (npm run dev runs the TypeScript)\n`,
  )
  process.exit(optional ? 0 : 1)
}

// A clean dist/: output of a deleted source (a renamed migration) must not linger, and while the
// stamp is gone the CLI refuses to run a half-written build.
rmSync(DIST, { recursive: true, force: true })
const before = hashSources()
let tsc
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
} catch {
  fail('typescript is not installed (npm ci without dev dependencies?)')
}
const { status } = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  cwd: new URL('..', import.meta.url),
  stdio: 'inherit',
})
if (status !== 0) fail(`tsc exited with ${status}`)
if (hashSources() !== before) fail('the sources changed during the build; build again')
writeStamp(before)
