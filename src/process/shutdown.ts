import type { Logger } from '../logger.js'

/** Time to close connections once active work has had its SHUTDOWN_TIMEOUT_MS. */
const SHUTDOWN_CLOSE_MARGIN_MS = 2_000

/**
 * On SIGINT/SIGTERM, runs the closers (given in the order their resources opened) last-first
 * (each lets its active work finish), then exits 0, or 1 if a closer failed. Whatever state
 * Redis or Postgres is in, the process is gone `timeoutMs` (SHUTDOWN_TIMEOUT_MS) plus a short
 * margin after the signal: a closer still waiting then is abandoned, and the process exits 1.
 * A second signal exits at once.
 */
export function onShutdown(
  logger: Logger,
  timeoutMs: number,
  ...closers: (() => Promise<unknown>)[]
): void {
  let closing = false
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting now')
      process.exit(1)
    }
    closing = true
    logger.info({ signal, timeoutMs }, 'shutting down: finishing active jobs')
    const deadline = setTimeout(() => {
      logger.error(
        { timeoutMs },
        'could not close within SHUTDOWN_TIMEOUT_MS (is Redis or Postgres unreachable?): exiting now',
      )
      logger.flush()
      process.exit(1)
    }, timeoutMs + SHUTDOWN_CLOSE_MARGIN_MS)
    deadline.unref()
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
