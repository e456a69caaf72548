/** A file that cannot be read at all: its job fails now and stays replayable. */
export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError'
  constructor(
    readonly file: string,
    /** What is wrong, without the file's name. */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`${file}: ${reason}`, options)
  }
}

/** A setting that is missing or wrong: the process stops at start with this one line. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** The first line of a message: what one log field or one line of output shows. */
export function firstLine(text: string): string {
  return text.split('\n')[0] ?? ''
}

/** Turns anything thrown into an Error, keeping the original as `cause`. */
export function coerceError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown
  return new Error(typeof thrown === 'string' ? thrown : JSON.stringify(thrown), { cause: thrown })
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  // Postgres: connection exceptions, server shutting down, database missing.
  '57P01',
  '57P02',
  '57P03',
  '3D000',
])

/** What ioredis says once a command connection gives up. */
export const REDIS_GONE_MESSAGES = [
  'Connection is closed',
  'Reached the max retries per request limit',
]
/** What ioredis Cluster says when no seed node answered. */
export const CLUSTER_GONE_MESSAGES = [
  'Failed to refresh slots cache',
  'None of startup nodes is available',
]

/** What pg and ioredis say when a server went away or never answered. */
const CONNECTION_MESSAGES = new RegExp(
  [
    'Connection terminated',
    'connect ECONNREFUSED',
    'timeout exceeded when trying to connect',
    ...REDIS_GONE_MESSAGES,
    ...CLUSTER_GONE_MESSAGES,
  ].join('|'),
  'i',
)

/**
 * Whether an error means Postgres or Redis is away (as opposed to a bad query or bad input):
 * the worker then waits for the service and retries, the CLI exits with "cannot reach".
 */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true
  if (error instanceof AggregateError || error.name === 'AggregateError') {
    return (error as AggregateError).errors.some(isConnectionError)
  }
  return CONNECTION_MESSAGES.test(error.message)
}
