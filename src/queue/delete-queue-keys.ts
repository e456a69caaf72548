import { serversOf, type RedisClient } from './connection.js'

/**
 * Deletes every key under a queue prefix (a test's or a benchmark's own), never the whole
 * server. SCAN sees one server's keys, so on a cluster every master is scanned; keys are
 * deleted one by one on the master that holds them (a multi-key DEL would cross slots).
 */
export async function deleteQueueKeys(redis: RedisClient, prefix: string): Promise<void> {
  for (const server of await serversOf(redis)) {
    let cursor = '0'
    do {
      const [next, keys] = await server.scan(
        cursor,
        'MATCH',
        `${escapeGlob(prefix)}:*`,
        'COUNT',
        1000,
      )
      cursor = next
      if (keys.length > 0) {
        const pipeline = server.pipeline()
        for (const key of keys) pipeline.unlink(key)
        await pipeline.exec()
      }
    } while (cursor !== '0')
  }
}

/** `*`, `?` and `[` in a prefix match themselves. */
function escapeGlob(text: string): string {
  return text.replaceAll(/[*?[\]\\]/g, '\\$&')
}
