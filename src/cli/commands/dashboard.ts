import type { Command } from 'commander'
import type { DashboardOptions } from '../actions/dashboard.js'
import { parsePositiveInt } from '../parse-options.js'

export function configureDashboardCommand(program: Command): void {
  program
    .command('dashboard')
    .description(
      'Serve Bull Board for every queue at /queues, Prometheus metrics at /metrics and a health check at /healthz, ' +
        'until SIGINT/SIGTERM. Listens on 127.0.0.1 unless told otherwise; beyond loopback it requires basic auth ' +
        '(DASHBOARD_USER, DASHBOARD_PASSWORD). Reads DATABASE_URL, REDIS_URL, QUEUE_PREFIX, DASHBOARD_*.',
    )
    .option('--port <n>', 'port to listen on (default: DASHBOARD_PORT)', parsePositiveInt)
    .option('--host <address>', 'address to listen on, e.g. 0.0.0.0 (default: DASHBOARD_HOST)')
    .option(
      '--read-only',
      'hide the buttons that retry, remove, clean or pause (always hidden without DASHBOARD_USER/DASHBOARD_PASSWORD)',
    )
    .action(async (options: DashboardOptions) => {
      const { dashboardAction } = await import('../actions/dashboard.js')
      await dashboardAction(options)
    })
}
