import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { runCli } from '../support/cli.js'
import { useTestServices } from '../support/services.js'

/** Workers and the scheduler refuse the public development secret (issue: keys reversed in 1.6 s). */
describe('CUSTOMER_KEY_SECRET', () => {
  const t = useTestServices()
  /** The file's services with no CUSTOMER_KEY_SECRET at all: the development default applies. */
  const withoutSecret = () => ({ ...t.env(), CUSTOMER_KEY_SECRET: undefined })

  it.each([['worker'], ['scheduler'], ['worker', '--queue', 'rollup']])(
    'dering %s refuses to start with the development value: exit 2, naming the setting',
    async (...args) => {
      for (const env of [
        withoutSecret(),
        { ...withoutSecret(), CUSTOMER_KEY_SECRET: 'dering-development-secret' },
      ]) {
        const failure = await runCli(args, env)
        expect(failure.code).toBe(2)
        expect(failure.stderr).toMatch(
          /^dering: CUSTOMER_KEY_SECRET: the development value is public .*dering migrate --init-secret/,
        )
      }
    },
  )

  it('dering migrate --init-secret prints a new random secret that the settings accept', async () => {
    const print = async () => (await runCli(['migrate', '--init-secret'])).stdout
    const [first, second] = [await print(), await print()]
    expect(first).toMatch(/^CUSTOMER_KEY_SECRET=[A-Za-z0-9_-]{43}\n$/)
    expect(second).not.toBe(first)
    const secret = first.trim().split('=')[1]!
    expect(loadConfig({ CUSTOMER_KEY_SECRET: secret }).CUSTOMER_KEY_SECRET).toBe(secret)
    const json = JSON.parse(
      (await runCli(['migrate', '--init-secret', '--json'])).stdout,
    ) as Record<string, string>
    expect(Object.keys(json)).toEqual(['CUSTOMER_KEY_SECRET'])
  })
})
