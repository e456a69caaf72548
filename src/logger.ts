import { destination, pino, type Logger } from 'pino'
import type { Config } from './config.js'

export type { Logger }

/** The root logger. It writes JSON to stderr so that stdout stays clean for `--json` output. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({ name: 'dering', level: config.LOG_LEVEL }, destination(2))
}
