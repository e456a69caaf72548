import { firstLine } from '../errors.js'
import type { Logger } from '../logger.js'

export type ServiceName = 'redis' | 'postgres'

export interface ConnectionState {
  readonly up: boolean | undefined
  markUp(): void
  markDown(error: unknown): void
}

/**
 * Remembers whether a service answers and logs only the changes (connected, lost, restored):
 * reconnect attempts happen every few seconds during an outage and would drown the log.
 */
export function createConnectionState(logger: Logger, service: ServiceName): ConnectionState {
  let up: boolean | undefined
  let lostAt = 0
  return {
    get up() {
      return up
    },
    markUp() {
      if (up === true) return
      if (up === false) {
        logger.info(
          { service, downSeconds: Math.round((Date.now() - lostAt) / 1000) },
          `${service} connection restored`,
        )
      } else logger.info({ service }, `${service} connected`)
      up = true
    },
    markDown(error) {
      if (up === false) return
      lostAt = Date.now()
      const reason = describeConnectionError(error)
      const message =
        up === undefined ? `${service} unreachable at start` : `${service} connection lost`
      logger.warn({ service, reason }, `${message} (${reason}); retrying with backoff`)
      up = false
    },
  }
}

function describeConnectionError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as { code?: unknown }).code
  const message =
    error.message ||
    (error.name === 'AggregateError' ? String((error as AggregateError).errors[0]) : '')
  const first = firstLine(message)
  return typeof code === 'string' && !first.includes(code) ? `${code} ${first}`.trim() : first
}
