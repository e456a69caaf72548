import type { Redis } from 'ioredis'

/** Deletes every key under a queue prefix (a test's or a benchmark's own), never the whole server. */
export async function deleteQueueKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000)
    cursor = next
    if (keys.length > 0) await redis.del(...keys)
  } while (cursor !== '0')
}
