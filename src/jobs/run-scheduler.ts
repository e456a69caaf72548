import type { Services } from '../services.js'
import { createConnectionState } from './connection-state.js'
import { upsertSchedules, type Schedule } from './upsert-schedules.js'

export interface RunningScheduler {
  schedules: Schedule[]
  close(): Promise<void>
}

/** How often a running scheduler upserts again. */
const RESTORE_INTERVAL_MS = 60_000

/**
 * Upserts the schedules, then again every minute: a Redis restored from an old snapshot, or a
 * scheduler removed from the dashboard, gets its schedule back without a restart.
 */
export async function runScheduler(
  services: Services,
  intervalMs = RESTORE_INTERVAL_MS,
): Promise<RunningScheduler> {
  const schedules = await upsertSchedules(services)
  const redis = createConnectionState(services.logger, 'redis')
  redis.markUp()
  let pending: Promise<unknown> = Promise.resolve()
  const timer = setInterval(() => {
    pending = upsertSchedules(services).then(
      () => redis.markUp(),
      (error: unknown) => redis.markDown(error),
    )
  }, intervalMs)
  return {
    schedules,
    async close() {
      clearInterval(timer)
      await pending
    },
  }
}
