import type { Logger } from './logger.js'

/**
 * On SIGINT/SIGTERM, runs the closers (given in the order their resources opened) last-first (each lets its active work finish), then
 * exits 0, or 1 if a closer failed. A second signal exits at once.
 */
export function onShutdown(logger: Logger, ...closers: (() => Promise<unknown>)[]): void {
  let closing = false
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting now')
      process.exit(1)
    }
    closing = true
    logger.info({ signal }, 'shutting down: finishing active jobs')
    let failed = false
    for (const close of [...closers].reverse()) {
      await close().catch((error: unknown) => {
        failed = true
        logger.error({ err: error }, 'error while closing')
      })
    }
    logger.info('stopped')
    logger.flush()
    process.exit(failed ? 1 : 0)
  }
  process.on('SIGINT', (signal) => void shutdown(signal))
  process.on('SIGTERM', (signal) => void shutdown(signal))
}
