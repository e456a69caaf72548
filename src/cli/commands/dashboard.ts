import type { Command } from 'commander'
import { startDashboard } from '../../dashboard/start-dashboard.js'
import { createLogger } from '../../logger.js'
import { createServices, type Services } from '../../services.js'
import { onShutdown } from '../../shutdown.js'
import { parsePositiveInt } from '../parse-options.js'
import { readConfig, reportError } from '../run-command.js'

interface DashboardOptions {
  port?: number
  host?: string
  readOnly?: boolean
}

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
    .option('--read-only', 'hide the buttons that retry, remove, clean or pause')
    .action(async (options: DashboardOptions) => {
      let services: Services | undefined
      try {
        const config = readConfig({
          ...(options.port ? { DASHBOARD_PORT: options.port } : {}),
          ...(options.host ? { DASHBOARD_HOST: options.host } : {}),
        })
        services = createServices(config, createLogger(config))
        const dashboard = await startDashboard(services, { readOnly: options.readOnly ?? false })
        console.log(`dashboard: ${dashboard.url} (metrics: /metrics, health: /healthz)`)
        onShutdown(
          services.logger,
          () => services!.close(),
          () => dashboard.close(),
        )
      } catch (error) {
        reportError(error)
        await services?.close().catch(() => undefined)
      }
    })
}
