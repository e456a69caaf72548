import { Redis } from 'ioredis'

export type RedisRole = 'producer' | 'worker'

/**
 * Producers (CLI, scheduler) fail fast when Redis is away; workers wait for it forever
 * (`maxRetriesPerRequest: null`, which BullMQ requires for blocking connections).
 */
export function createRedis(url: string, role: RedisRole): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 2,
    enableReadyCheck: true,
    lazyConnect: false,
    connectionName: `dering-${role}`,
    retryStrategy: (attempt) => Math.min(1_000 * 2 ** Math.min(attempt, 5), 20_000),
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
