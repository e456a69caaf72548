import { createRequire } from 'node:module'
import { destination, pino, type DestinationStream, type Logger } from 'pino'
import type PinoPretty from 'pino-pretty'
import type { Config } from './config.js'

export type { Logger }

/**
 * The root logger, on stderr so that stdout stays clean for `--json` output: human-readable
 * lines on a terminal, JSON (one object a line, for collectors) otherwise.
 */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({ name: 'dering', level: config.LOG_LEVEL }, stderrStream())
}

function stderrStream(): DestinationStream {
  if (!process.stderr.isTTY) return destination(2)
  // Loaded only on a terminal, synchronously in this thread (no transport worker to feed).
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty
  return pretty({
    destination: 2,
    sync: true,
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss',
    ignore: 'pid,hostname,name',
  })
}
