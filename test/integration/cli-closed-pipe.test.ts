import { spawn } from 'node:child_process'
import { expect, it } from 'vitest'
import { CLI_ARGS } from '../support/cli.js'

// `dering status | head`: the reader closes the pipe before the output ends.
it('exits 0 without a stack trace when its output pipe is closed early', async () => {
  const child = spawn(process.execPath, [...CLI_ARGS, '--help'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout.destroy()
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  expect(stderr).not.toMatch(/EPIPE|Error/)
  expect(code).toBe(0)
})
