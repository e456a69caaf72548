import {
  loadConfig,
  warnIfDevelopmentSecret,
  warnOfRemovedSettings,
  type Config,
} from '../config.js'
import { createLogger } from '../logger.js'
import { reportError } from '../process/report-error.js'
import { createServices, type Services } from '../services.js'

/**
 * Reads the configuration once, at the edge; flags given as overrides beat the environment.
 * Warns of removed settings, and of the development CUSTOMER_KEY_SECRET unless `demo` says it is
 * fine.
 */
function readConfig(overrides: Partial<Config> = {}, demo = false): Config {
  const config = loadConfig(process.env, overrides)
  warnOfRemovedSettings()
  if (!demo) warnIfDevelopmentSecret(config)
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

/** Prints machine-readable output: one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}
