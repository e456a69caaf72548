import type { Config } from '../config.js'
import {
  CLUSTER_GONE_MESSAGES,
  ConfigError,
  firstLine,
  isConnectionError,
  REDIS_GONE_MESSAGES,
  UnreadableFileError,
} from '../errors.js'
import { EXIT } from './exit-codes.js'

/** What an operator reads on stderr for an error, and the exit code that goes with it. */
export interface ErrorReport {
  message: string
  exitCode: number
}

type Settings = Pick<Config, 'DATABASE_URL' | 'REDIS_URL' | 'REDIS_CLUSTER_NODES'>

/** Postgres error codes of a schema older than the code: a missing table, schema or column. */
const NOT_MIGRATED = new Set(['42P01', '3F000', '42703', '42883'])
const NO_DATABASE = '3D000'

export function describeError(error: Error, settings: Settings | undefined): ErrorReport {
  if (error instanceof ConfigError) return { message: error.message, exitCode: EXIT.usage }
  if (error instanceof UnreadableFileError) {
    return { message: firstLine(error.message), exitCode: EXIT.failed }
  }
  const code = codeOf(error)
  const database = settings ? databaseName(settings.DATABASE_URL) : 'dering'
  if (code === NO_DATABASE || (code && NOT_MIGRATED.has(code))) {
    return {
      message: `database ${database} is not migrated: run dering migrate (${firstLine(error.message)})`,
      exitCode: EXIT.failed,
    }
  }
  const service = unreachableService(error, settings)
  if (service) return { message: service, exitCode: EXIT.unavailable }
  return { message: firstLine(error.message), exitCode: EXIT.failed }
}

/** `cannot reach Redis at 127.0.0.1:6379 (REDIS_URL): …`, or null when the error is another one. */
function unreachableService(error: Error, settings: Settings | undefined): string | null {
  if (!isConnectionError(error)) return null
  const redis = address(settings?.REDIS_URL ?? 'redis://127.0.0.1:6379', 6379)
  const postgres = address(settings?.DATABASE_URL ?? 'postgres://127.0.0.1:5432/dering', 5432)
  const say = (name: string, where: string, setting: string) =>
    `cannot reach ${name} at ${where} (${setting}): is it running? (${firstLine(error.message) || codeOf(error)})`
  const cluster = () =>
    say('the Redis Cluster', settings?.REDIS_CLUSTER_NODES ?? redis, 'REDIS_CLUSTER_NODES')
  if (CLUSTER_UNREACHABLE.test(error.message)) return cluster()
  if (REDIS_UNREACHABLE.test(error.message)) {
    return settings?.REDIS_CLUSTER_NODES ? cluster() : say('Redis', redis, 'REDIS_URL')
  }
  // A socket error names the port it tried; anything that is not Redis's is Postgres's.
  const causes = error instanceof AggregateError ? (error.errors as unknown[]) : [error]
  const port = causes
    .map((cause) => (cause as { port?: unknown } | null)?.port)
    .find((p): p is number => typeof p === 'number')
  const redisPort = Number(redis.split(':').pop())
  return port !== undefined && port === redisPort && !postgres.endsWith(`:${port}`)
    ? say('Redis', redis, 'REDIS_URL')
    : say('Postgres', postgres, 'DATABASE_URL')
}

const CLUSTER_UNREACHABLE = new RegExp(`^(${CLUSTER_GONE_MESSAGES.join('|')})`)
const REDIS_UNREACHABLE = new RegExp(`^${REDIS_GONE_MESSAGES.join('|')}`)

/** host:port of a service URL, for messages. */
export function address(url: string, defaultPort: number): string {
  try {
    const parsed = new URL(url)
    return `${parsed.hostname || '127.0.0.1'}:${parsed.port || defaultPort}`
  } catch {
    return url
  }
}

function databaseName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres'
  } catch {
    return 'dering'
  }
}

function codeOf(error: Error): string | undefined {
  return (error as { code?: string }).code
}
