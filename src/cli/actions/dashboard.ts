import { startDashboard } from '../../dashboard/start-dashboard.js'
import { createLogger } from '../../logger.js'
import { createServices, type Services } from '../../services.js'
import { onShutdown } from '../../shutdown.js'
import { readConfig, reportError } from '../run-command.js'

export interface DashboardOptions {
  port?: number
  host?: string
  readOnly?: boolean
}

export async function dashboardAction(options: DashboardOptions): Promise<void> {
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
      config.SHUTDOWN_TIMEOUT_MS,
      () => services!.close(),
      () => dashboard.close(),
    )
  } catch (error) {
    reportError(error)
    await services?.close().catch(() => undefined)
  }
}
