import { loadConfig, warnIfDevelopmentSecret, type Config } from '../config.js'
import { coerceError } from '../errors.js'
import { createLogger } from '../logger.js'
import { createServices, type Services } from '../services.js'
import { escapeControl } from '../domain/escape-control.js'
import { describeError } from './describe-error.js'
import { requireOwnCustomerKeySecret } from './require-own-secret.js'

/**
 * Reads the configuration once, at the edge; flags given as overrides beat the environment.
 * Warns of the development CUSTOMER_KEY_SECRET unless `demo` says it is fine.
 */
export function readConfig(overrides: Partial<Config> = {}, demo = false): Config {
  const config = loadConfig(process.env, overrides)
  if (!demo) warnIfDevelopmentSecret(config)
  return config
}

/**
 * The configuration of a worker or the scheduler, which store customer keys: the development
 * CUSTOMER_KEY_SECRET is refused here rather than warned of.
 */
export function readServiceConfig(overrides: Partial<Config> = {}): Config {
  const config = loadConfig(process.env, overrides)
  requireOwnCustomerKeySecret(config)
  return config
}

/**
 * Runs a command with services open and closed around it, mapping errors to one line on
 * stderr and a meaningful exit code. The body returns the exit code.
 */
export async function runWithServices(
  body: (services: Services) => Promise<number>,
  overrides: Partial<Config> = {},
  demo = false,
): Promise<void> {
  let services: Services | undefined
  let config: Config | undefined
  try {
    config = readConfig(overrides, demo)
    services = createServices(config, createLogger(config), { failFast: true })
    process.exitCode = await body(services)
  } catch (thrown) {
    reportError(thrown, config)
  } finally {
    await services?.close().catch(() => undefined)
  }
}

export function reportError(thrown: unknown, config?: Config): void {
  const { message, exitCode } = describeError(coerceError(thrown), config ?? settingsOrNone())
  process.stderr.write(`dering: ${escapeControl(message)}\n`)
  process.exitCode = exitCode
}

function settingsOrNone(): Config | undefined {
  try {
    return loadConfig(process.env)
  } catch {
    return undefined
  }
}

/** Prints machine-readable output: one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}
