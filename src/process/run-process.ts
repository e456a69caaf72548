import {
  loadConfig,
  warnIfDevelopmentSecret,
  warnOfRemovedSettings,
  type Config,
} from '../config.js'
import { createLogger } from '../logger.js'
import { createServices, type Services } from '../services.js'
import { limitHeapGrowth } from './limit-heap-growth.js'
import { reportError } from './report-error.js'
import { requireOwnCustomerKeySecret } from './require-own-secret.js'
import { onShutdown } from './shutdown.js'

/** Stops something a process started, letting its active work finish first. */
export type Closer = () => Promise<unknown>

export interface ProcessOptions {
  /** Settings given as flags, which beat the environment. */
  overrides?: Partial<Config>
  /**
   * Workers and the scheduler store customer keys, so they refuse the development
   * CUSTOMER_KEY_SECRET; a process that stores none (the dashboard) only warns of it.
   */
  storesCustomerKeys?: boolean
}

/**
 * Runs a long-running process (a worker, the scheduler, the dashboard): reads the settings once,
 * opens the services and runs `start`, which returns the closers of what it started. SIGINT or
 * SIGTERM then closes them last-first, and the services last. A failure to start is one line on
 * stderr and the exit code that goes with it.
 */
export async function runProcess(
  start: (services: Services) => Promise<Closer[]>,
  options: ProcessOptions = {},
): Promise<void> {
  let config: Config | undefined
  let services: Services | undefined
  try {
    limitHeapGrowth()
    config = loadConfig(process.env, options.overrides)
    warnOfRemovedSettings()
    if (options.storesCustomerKeys ?? true) requireOwnCustomerKeySecret(config)
    else warnIfDevelopmentSecret(config)
    services = createServices(config, createLogger(config))
    const opened = services
    const closers = await start(opened)
    onShutdown(opened.logger, config.SHUTDOWN_TIMEOUT_MS, () => opened.close(), ...closers)
  } catch (error) {
    reportError(error, config)
    await services?.close().catch(() => undefined)
  }
}
