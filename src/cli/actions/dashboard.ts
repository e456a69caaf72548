import { startDashboard } from '../../dashboard/start-dashboard.js'
import { runProcess } from '../../process/run-process.js'

export interface DashboardOptions {
  port?: number
  host?: string
  readOnly?: boolean
}

export async function dashboardAction(options: DashboardOptions): Promise<void> {
  await runProcess(
    async (services) => {
      const dashboard = await startDashboard(services, { readOnly: options.readOnly ?? false })
      console.log(`dashboard: ${dashboard.url} (metrics: /metrics, health: /healthz)`)
      return [() => dashboard.close()]
    },
    {
      overrides: {
        ...(options.port ? { DASHBOARD_PORT: options.port } : {}),
        ...(options.host ? { DASHBOARD_HOST: options.host } : {}),
      },
      storesCustomerKeys: false,
    },
  )
}
