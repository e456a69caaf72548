import { loadConfig, type Config } from '../config.js'
import { ConfigError, UnreadableFileError, coerceError } from '../errors.js'
import { createLogger } from '../logger.js'
import { createServices, type Services } from '../services.js'
import { escapeControl } from '../domain/escape-control.js'
import { EXIT } from './exit-codes.js'

/** Reads the configuration once, at the edge; flags given as overrides beat the environment. */
export function readConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig(process.env, overrides)
}

/**
 * Runs a command with services open and closed around it, mapping errors to one line on
 * stderr and a meaningful exit code. The body returns the exit code.
 */
export async function runWithServices(
  body: (services: Services) => Promise<number>,
  overrides: Partial<Config> = {},
): Promise<void> {
  let services: Services | undefined
  try {
    const config = readConfig(overrides)
    services = createServices(config, createLogger(config), { failFast: true })
    process.exitCode = await body(services)
  } catch (thrown) {
    reportError(thrown)
  } finally {
    await services?.close().catch(() => undefined)
  }
}

export function reportError(thrown: unknown): void {
  const error = coerceError(thrown)
  process.stderr.write(`dering: ${escapeControl(describe(error))}\n`)
  process.exitCode = exitCodeOf(error)
}

/** Connection failures of pg (ECONNREFUSED, AggregateError) and of ioredis once it gives up. */
function isUnreachable(error: Error): boolean {
  const code = (error as { code?: string }).code
  return (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    error.name === 'AggregateError' ||
    error.message.startsWith('Connection is closed') ||
    // ioredis Cluster: no seed node answered.
    error.message.startsWith('Failed to refresh slots cache') ||
    error.message.startsWith('None of startup nodes is available') ||
    error.message.includes('Reached the max retries per request limit')
  )
}

function describe(error: Error): string {
  const code = (error as { code?: string }).code
  if (isUnreachable(error)) {
    return `cannot reach a service (${error.message || code}); is Postgres/Redis running? (DATABASE_URL, REDIS_URL or REDIS_CLUSTER_NODES)`
  }
  return error.message.split('\n')[0] ?? String(error)
}

function exitCodeOf(error: Error): number {
  if (error instanceof ConfigError) return EXIT.usage
  if (error instanceof UnreadableFileError) return EXIT.failed
  if (isUnreachable(error)) return EXIT.unavailable
  return EXIT.failed
}

/** Prints machine-readable output: one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}
