import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, inject } from 'vitest'
import { deleteQueueKeys } from '../../src/queue/delete-queue-keys.js'

/**
 * A queue prefix of the calling test file's own; its keys are deleted afterwards (never
 * FLUSHALL: other files share the server).
 */
export function useTestQueuePrefix(): { prefix: string; redisUrl: () => string } {
  const prefix = `test-${randomBytes(5).toString('hex')}`
  afterAll(async () => {
    const redis = new Redis(inject('redisUrl'))
    await deleteQueueKeys(redis, prefix)
    await redis.quit()
  })
  return { prefix, redisUrl: () => inject('redisUrl') }
}
