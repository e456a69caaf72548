#!/usr/bin/env node
// Runs the compiled CLI in dist/, which `npm ci` (through `prepare`) and `npm run build` write
// along with the hash of the sources they compiled. A build that is missing or older than the
// sources is refused, never run: an edited or pulled tree must not run old code.
// `npm run dev -- <command>` runs the TypeScript sources instead.
import { buildState } from './build-stamp.js'

const state = buildState()
if (state !== 'current') {
  const what = state === 'missing' ? 'is missing' : 'is older than the sources'
  process.stderr.write(
    `dering: the compiled build (dist/) ${what}: run npm run build (or npm run dev -- <command> to run the TypeScript)\n`,
  )
  process.exit(2)
}
await import('../dist/src/cli/main.js')
