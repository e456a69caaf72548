import type { Command } from 'commander'
import type { SchedulerOptions } from '../actions/scheduler.js'

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
      const { schedulerAction } = await import('../actions/scheduler.js')
      await schedulerAction(options)
    })
}
