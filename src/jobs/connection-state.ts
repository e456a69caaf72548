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

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  // Postgres: connection exceptions, server shutting down, database missing.
  '57P01',
  '57P02',
  '57P03',
  '3D000',
])

/** Whether an error means the service is away (as opposed to a bad query or bad input). */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true
  if (error.name === 'AggregateError') {
    return (error as AggregateError).errors.some(isConnectionError)
  }
  return /Connection terminated|Connection is closed|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(
    error.message,
  )
}

function describeConnectionError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as { code?: unknown }).code
  const message =
    error.message ||
    (error.name === 'AggregateError' ? String((error as AggregateError).errors[0]) : '')
  const first = message.split('\n')[0] ?? ''
  return typeof code === 'string' && !first.includes(code) ? `${code} ${first}`.trim() : first
}
