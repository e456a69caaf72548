import { SCHEDULES } from '../queue/catalog.js'
import type { Services } from '../services.js'

/** Cron patterns are read in Jakarta time, the time the contact center works in. */
export const SCHEDULE_TIME_ZONE = 'Asia/Jakarta'

export interface Schedule {
  id: string
  queue: 'scan' | 'rollup'
  cron: string
  timeZone: string
  /** When the next job is due (null if BullMQ does not say). */
  next: Date | null
}

/**
 * Creates or updates the inbox scan and the nightly rollup schedules. BullMQ keys a scheduler
 * by its id, so any number of scheduler processes upserting at once leave one schedule each.
 */
export async function upsertSchedules(services: Services): Promise<Schedule[]> {
  const { config, queues } = services
  const tz = SCHEDULE_TIME_ZONE
  await queues.scan.upsertJobScheduler(
    SCHEDULES.scan,
    { pattern: config.SCAN_CRON, tz },
    { name: 'scan', data: {} },
  )
  await queues.rollup.upsertJobScheduler(
    SCHEDULES.rollup,
    { pattern: config.ROLLUP_CRON, tz },
    { name: 'recent', data: { recent: true } },
  )
  return listSchedules(services)
}

export async function listSchedules(services: Services): Promise<Schedule[]> {
  const { queues } = services
  const found = await Promise.all([
    queues.scan.getJobScheduler(SCHEDULES.scan).then((s) => s && { ...s, queue: 'scan' as const }),
    queues.rollup
      .getJobScheduler(SCHEDULES.rollup)
      .then((s) => s && { ...s, queue: 'rollup' as const }),
  ])
  return found.flatMap((s) =>
    s
      ? [
          {
            id: s.key,
            queue: s.queue,
            cron: s.pattern ?? '',
            timeZone: s.tz ?? '',
            next: s.next ? new Date(s.next) : null,
          },
        ]
      : [],
  )
}
