import { Redis } from 'ioredis'

/**
 * - `command`: a CLI command's connection; gives up after a few seconds without Redis, so the
 *   command fails with a clear message instead of hanging.
 * - `producer`: a long-running process's connection for adding jobs; reconnects forever.
 * - `worker`: a BullMQ worker's blocking connection; waits forever (`maxRetriesPerRequest: null`,
 *   which BullMQ requires).
 */
export type RedisRole = 'command' | 'producer' | 'worker'

const COMMAND_CONNECT_ATTEMPTS = 2

export function createRedis(url: string, role: RedisRole): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 2,
    enableReadyCheck: true,
    connectTimeout: 5_000,
    connectionName: `dering-${role}`,
    retryStrategy: (attempt) =>
      role === 'command' && attempt > COMMAND_CONNECT_ATTEMPTS
        ? null
        : Math.min(500 * 2 ** Math.min(attempt, 5), 20_000),
  })
}

/** BullMQ loses jobs when Redis evicts keys; anything but `noeviction` deserves a warning. */
export async function readEvictionPolicy(redis: Redis): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[]
    return reply[1] ?? null
  } catch {
    return null // CONFIG is disabled on some managed Redis services.
  }
}
