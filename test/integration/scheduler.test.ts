import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { runScheduler } from '../../src/jobs/run-scheduler.js'
import {
  SCHEDULE_TIME_ZONE,
  listSchedules,
  upsertSchedules,
} from '../../src/jobs/upsert-schedules.js'
import { useTestServices } from '../support/services.js'

const ROOT = new URL('../..', import.meta.url).pathname

describe('dering scheduler', () => {
  const t = useTestServices({ SCAN_CRON: '*/5 * * * *', ROLLUP_CRON: '30 4 * * *' })

  it('leaves exactly one schedule each when several scheduler processes start at once', async () => {
    const env = {
      ...process.env,
      ...t.env(),
      SCAN_CRON: '*/5 * * * *',
      ROLLUP_CRON: '30 4 * * *',
      LOG_LEVEL: 'info',
    }
    const processes = Array.from({ length: 3 }, () =>
      spawn(process.execPath, ['--import', 'tsx', 'workers/scheduler.ts'], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
    )
    try {
      await Promise.all(processes.map((child) => waitForLine(child, 'scheduler running')))
    } finally {
      processes.forEach((child) => child.kill('SIGTERM'))
    }
    const codes = await Promise.all(
      processes.map(
        async (child) => child.exitCode ?? ((await once(child, 'exit')) as [number])[0],
      ),
    )
    expect(codes).toEqual([0, 0, 0])

    const { scan, rollup } = t.services.queues
    expect(await scan.getJobSchedulers()).toHaveLength(1)
    expect(await rollup.getJobSchedulers()).toHaveLength(1)
    expect(await scan.getJobCounts('delayed', 'waiting')).toEqual({ delayed: 1, waiting: 0 })
    expect(await rollup.getJobCounts('delayed', 'waiting')).toEqual({ delayed: 1, waiting: 0 })

    const schedules = await listSchedules(t.services)
    expect(schedules.map(({ next: _next, ...rest }) => rest)).toEqual([
      { id: 'inbox-scan', queue: 'scan', cron: '*/5 * * * *', timeZone: SCHEDULE_TIME_ZONE },
      { id: 'nightly-rollup', queue: 'rollup', cron: '30 4 * * *', timeZone: SCHEDULE_TIME_ZONE },
    ])
    // 04:30 in Jakarta is 21:30 UTC; the scan falls on a five-minute mark.
    const [nextScan, nextRollup] = schedules.map((s) => s.next!)
    expect(nextRollup!.toISOString()).toMatch(/T21:30:00\.000Z$/)
    expect(nextScan!.getUTCMinutes() % 5).toBe(0)
    const delayed = await rollup.getDelayed()
    expect(delayed[0]?.data).toEqual({ recent: true })
  })

  it('keeps one schedule and one pending job through repeated upserts and restores a removed one', async () => {
    const running = await runScheduler(t.services, 50)
    try {
      await Promise.all([upsertSchedules(t.services), upsertSchedules(t.services)])
      await t.services.queues.scan.removeJobScheduler('inbox-scan')
      await new Promise((resolve) => setTimeout(resolve, 300))
    } finally {
      await running.close()
    }
    expect(await t.services.queues.scan.getJobSchedulers()).toHaveLength(1)
    expect(await t.services.queues.scan.getJobCounts('delayed', 'waiting')).toEqual({
      delayed: 1,
      waiting: 0,
    })
    expect(await t.services.queues.rollup.getJobCounts('delayed', 'waiting')).toEqual({
      delayed: 1,
      waiting: 0,
    })
  })
})

/** Resolves when the process logs a line containing `text` on stderr; rejects if it exits first. */
function waitForLine(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes(text)) resolve()
    })
    child.once('exit', (code) =>
      reject(new Error(`exited with ${code} before "${text}":\n${output}`)),
    )
  })
}
