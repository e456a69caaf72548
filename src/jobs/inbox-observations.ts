import { z } from 'zod'
import { inboxObservationsKey } from '../queue/catalog.js'
import type { RedisClient } from '../queue/connection.js'

/** What the scanner saw of an inbox file. */
const Observation = z.object({
  size: z.number(),
  mtimeMs: z.number(),
  seenAt: z.number(),
})
export type Observation = z.infer<typeof Observation>

/** Kept in Redis, not in the scanner's memory: every scan may run in another worker process. */
export async function readObservations(
  redis: RedisClient,
  prefix: string,
): Promise<Map<string, Observation>> {
  const raw = await redis.hgetall(inboxObservationsKey(prefix))
  const observations = new Map<string, Observation>()
  for (const [key, value] of Object.entries(raw)) {
    const parsed = Observation.safeParse(safeJson(value))
    if (parsed.success) observations.set(key, parsed.data)
  }
  return observations
}

export async function saveObservation(
  redis: RedisClient,
  prefix: string,
  key: string,
  observation: Observation,
): Promise<void> {
  await redis.hset(inboxObservationsKey(prefix), key, JSON.stringify(observation))
}

export async function forgetObservations(
  redis: RedisClient,
  prefix: string,
  keys: readonly string[],
): Promise<void> {
  if (keys.length > 0) await redis.hdel(inboxObservationsKey(prefix), ...keys)
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
