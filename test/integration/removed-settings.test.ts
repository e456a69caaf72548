import { describe, expect, it } from 'vitest'
import { runCli } from '../support/cli.js'
import { useTestServices } from '../support/services.js'

const WARNING =
  'dering: warning: PARSE_THREAD_MIN_BYTES is no longer read (the parse thread was removed: ' +
  "it measured slower than parsing on the job's own thread); unset it\n"

/** A setting dering no longer reads is named on stderr, so that an operator can drop it. */
describe('removed settings', () => {
  const t = useTestServices()

  it('a command warns of PARSE_THREAD_MIN_BYTES and runs as without it', async () => {
    const warned = await runCli(['status', '--json'], { ...t.env(), PARSE_THREAD_MIN_BYTES: '0' })
    const quiet = await runCli(['status', '--json'], t.env())
    expect(warned.code).toBe(0)
    expect(warned.stderr).toContain(WARNING)
    expect(quiet.stderr).not.toContain('PARSE_THREAD_MIN_BYTES')
    expect(quiet.code).toBe(0)
  })

  it('a long-running process warns of it before anything else', async () => {
    const failure = await runCli(['worker'], {
      ...t.env(),
      CUSTOMER_KEY_SECRET: undefined,
      PARSE_THREAD_MIN_BYTES: '4194304',
    })
    expect(failure.code).toBe(2)
    expect(failure.stderr.startsWith(WARNING)).toBe(true)
  })
})
