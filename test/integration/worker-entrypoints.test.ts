import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { DEVELOPMENT_CUSTOMER_KEY_SECRET } from '../../src/config.js'
import { entrypointArgs } from '../support/cli.js'
import { startEntrypointProcess } from '../support/dering-process.js'
import { useTestServices } from '../support/services.js'

const run = promisify(execFile)

/** The three process entrypoints the image runs (docker-compose.yml): start, work, stop on SIGTERM. */
describe('workers/ entrypoints', () => {
  const t = useTestServices()

  it('ingest works the ingest and scan queues, rollup the rollup queue; both exit 0 on SIGTERM', async () => {
    const ingest = await startEntrypointProcess('ingest', {
      env: t.env(),
      startedMessage: 'worker started',
    })
    const rollup = await startEntrypointProcess('rollup', {
      env: t.env(),
      startedMessage: 'worker started',
    })
    const started = (entry: typeof ingest) =>
      entry.logs.find((line) => line.msg === 'worker started')
    expect(started(ingest)).toMatchObject({ queues: ['ingest', 'scan'] })
    expect(started(rollup)).toMatchObject({ queues: ['rollup'] })
    const workers = await t.services.queues.ingest.getWorkers()
    expect(workers.length).toBeGreaterThanOrEqual(1)
    expect(await Promise.all([ingest.stop(), rollup.stop()])).toEqual([0, 0])
  })

  it('scheduler upserts both schedules and exits 0 on SIGTERM', async () => {
    const scheduler = await startEntrypointProcess('scheduler', {
      env: t.env(),
      startedMessage: 'scheduler running',
    })
    expect(await t.services.queues.scan.getJobSchedulers()).toHaveLength(1)
    expect(await t.services.queues.rollup.getJobSchedulers()).toHaveLength(1)
    expect(await scheduler.stop()).toBe(0)
  })

  it('refuses the development CUSTOMER_KEY_SECRET with exit 2 and one line', async () => {
    const failure = await run(process.execPath, [...entrypointArgs('ingest')], {
      env: { ...process.env, ...t.env(), CUSTOMER_KEY_SECRET: DEVELOPMENT_CUSTOMER_KEY_SECRET },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    )
    expect(failure.code).toBe(2)
    expect(failure.stderr).toMatch(/^dering: CUSTOMER_KEY_SECRET: the development value is public/)
  })
})
