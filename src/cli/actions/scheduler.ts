import { runScheduler } from '../../jobs/run-scheduler.js'
import { upsertSchedules, type Schedule } from '../../jobs/upsert-schedules.js'
import { runProcess } from '../../process/run-process.js'
import { EXIT } from '../../process/exit-codes.js'
import { formatWib } from '../format-wib.js'
import { formatTable } from '../output.js'
import { printJson, runWithServices } from '../run-command.js'

export interface SchedulerOptions {
  once?: boolean
  json?: boolean
}

export async function schedulerAction(options: SchedulerOptions): Promise<void> {
  if (options.once) {
    return runWithServices(async (services) => {
      printSchedules(await upsertSchedules(services), options.json)
      return EXIT.ok
    })
  }
  await runProcess(async (services) => {
    const running = await runScheduler(services)
    printSchedules(running.schedules, options.json)
    services.logger.info({ schedules: running.schedules.length }, 'scheduler running')
    return [() => running.close()]
  })
}

function printSchedules(schedules: readonly Schedule[], json?: boolean): void {
  if (json) {
    printJson({ schedules: schedules.map((s) => ({ ...s, next: s.next?.toISOString() ?? null })) })
    return
  }
  console.log(
    formatTable(
      schedules.map((s) => ({
        schedule: s.id,
        queue: s.queue,
        cron: s.cron,
        'time zone': s.timeZone,
        'next run': formatWib(s.next),
      })),
    ),
  )
}
