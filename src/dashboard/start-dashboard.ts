import { createServer } from 'node:http'
import { isIP } from 'node:net'
import type { AddressInfo } from 'node:net'
import { ConfigError } from '../errors.js'
import type { Services } from '../services.js'
import { BOARD_PATH, createDashboard } from './create-dashboard.js'
import type { Credentials } from './require-basic-auth.js'

export interface RunningDashboard {
  /** Where the board is, e.g. http://127.0.0.1:3000/queues */
  url: string
  port: number
  close(): Promise<void>
}

/**
 * Serves the dashboard on DASHBOARD_HOST:DASHBOARD_PORT. On loopback without credentials it is
 * open but read-only; beyond loopback it refuses to start without them, since Bull Board can
 * retry and remove jobs.
 */
export async function startDashboard(
  services: Services,
  options: { readOnly: boolean },
): Promise<RunningDashboard> {
  const { DASHBOARD_HOST: host, DASHBOARD_PORT: port } = services.config
  const credentials = credentialsOf(
    services.config.DASHBOARD_USER,
    services.config.DASHBOARD_PASSWORD,
  )
  if (!credentials && !isLoopback(host)) {
    throw new ConfigError(
      `DASHBOARD_USER/DASHBOARD_PASSWORD: required when the dashboard listens on ${host}, beyond loopback`,
    )
  }
  const server = createServer(
    createDashboard(services, {
      readOnly: options.readOnly,
      credentials,
      host,
      allowedHosts: namesOf(services.config.DASHBOARD_ALLOWED_HOSTS),
    }),
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const bound = (server.address() as AddressInfo).port
  const shownHost = isIP(host) === 6 ? `[${host}]` : host
  return {
    url: `http://${shownHost}:${bound}${BOARD_PATH}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

function credentialsOf(user: string | undefined, password: string | undefined): Credentials | null {
  if (!user && !password) return null
  if (!user || !password) {
    throw new ConfigError(`${user ? 'DASHBOARD_PASSWORD' : 'DASHBOARD_USER'}: set both or neither`)
  }
  return { user, password }
}

function namesOf(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}
