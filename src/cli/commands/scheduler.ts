import type { Command } from 'commander'
import { runScheduler } from '../../jobs/run-scheduler.js'
import { upsertSchedules, type Schedule } from '../../jobs/upsert-schedules.js'
import { createLogger } from '../../logger.js'
import { createServices, type Services } from '../../services.js'
import { onShutdown } from '../../shutdown.js'
import { formatWib } from '../format-wib.js'
import { formatTable } from '../output.js'
import { EXIT, printJson, readConfig, reportError, runWithServices } from '../run-command.js'

interface SchedulerOptions {
  once?: boolean
  json?: boolean
}

export function configureSchedulerCommand(program: Command): void {
  program
    .command('scheduler')
    .description(
      'Schedule the inbox scan (SCAN_CRON) and the nightly rollup of the current and previous month (ROLLUP_CRON), ' +
        'in Asia/Jakarta time, and keep the schedules in place until SIGINT/SIGTERM. Any number of schedulers leave ' +
        'one schedule each; workers (`dering worker`) run the jobs. Reads REDIS_URL, QUEUE_PREFIX, SCAN_CRON, ROLLUP_CRON.',
    )
    .option('--once', 'create or update the schedules, print them and exit')
    .option('--json', 'print the schedules as JSON')
    .action(async (options: SchedulerOptions) => {
      if (options.once) {
        return runWithServices(async (services) => {
          printSchedules(await upsertSchedules(services), options.json)
          return EXIT.ok
        })
      }
      let services: Services | undefined
      try {
        const config = readConfig()
        services = createServices(config, createLogger(config))
        const running = await runScheduler(services)
        printSchedules(running.schedules, options.json)
        services.logger.info({ schedules: running.schedules.length }, 'scheduler running')
        onShutdown(
          services.logger,
          () => services!.close(),
          () => running.close(),
        )
      } catch (error) {
        reportError(error)
        await services?.close().catch(() => undefined)
      }
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
