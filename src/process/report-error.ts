import { loadConfig, type Config } from '../config.js'
import { escapeControl } from '../domain/escape-control.js'
import { coerceError } from '../errors.js'
import { describeError } from './describe-error.js'

/** One line on stderr for an error that ends a command or a process, and its exit code. */
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
