import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, inject } from 'vitest'

/**
 * A queue prefix of the calling test file's own; its keys are deleted afterwards (never
 * FLUSHALL: other files share the server).
 */
export function useTestQueuePrefix(): { prefix: string; redisUrl: () => string } {
  const prefix = `test-${randomBytes(5).toString('hex')}`
  afterAll(async () => {
    const redis = new Redis(inject('redisUrl'))
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000)
      cursor = next
      if (keys.length > 0) await redis.del(...keys)
    } while (cursor !== '0')
    await redis.quit()
  })
  return { prefix, redisUrl: () => inject('redisUrl') }
}
