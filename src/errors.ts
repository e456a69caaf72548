/** A file that cannot be read at all: its job fails now and stays replayable. */
export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError'
  constructor(
    readonly file: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`${file}: ${reason}`, options)
  }
}

/** A setting that is missing or wrong: the process stops at start with this one line. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Turns anything thrown into an Error, keeping the original as `cause`. */
export function coerceError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown
  return new Error(typeof thrown === 'string' ? thrown : JSON.stringify(thrown), { cause: thrown })
}
