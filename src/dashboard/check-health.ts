import { coerceError } from '../errors.js'
import type { Services } from '../services.js'
import { pingDatabase } from '../db/connect.js'
import { readLastIngest } from '../db/pipeline-stats.js'

/** A failed probe says only `unavailable`; why is in the log, never in the response. */
type Probe = { ok: true; latencyMs: number } | { ok: false; error: 'unavailable' }

export interface Health {
  status: 'ok' | 'unavailable'
  postgres: Probe
  redis: Probe
  /** When an ingest last succeeded (from Postgres), null if never or unknown. */
  lastIngest: string | null
  /** When a rollup job last completed (from its queue), null if never or unknown. */
  lastRollup: string | null
}

const PROBE_TIMEOUT_MS = 2_000

/** Reachability of Postgres and Redis, each bounded in time, and the pipeline's last successes. */
export async function checkHealth(services: Services): Promise<Health> {
  const [postgres, redis] = await Promise.all([
    probe('postgres', services, () => pingDatabase(services.db)),
    probe('redis', services, () => services.redis.ping()),
  ])
  const [lastIngest, lastRollup] = await Promise.all([
    postgres.ok ? bounded(readLastIngest(services.db)).catch(() => null) : null,
    redis.ok
      ? bounded(services.queues.rollup.getCompleted(0, 0))
          .then(([job]) => (job?.finishedOn ? new Date(job.finishedOn) : null))
          .catch(() => null)
      : null,
  ])
  return {
    status: postgres.ok && redis.ok ? 'ok' : 'unavailable',
    postgres,
    redis,
    lastIngest: lastIngest?.toISOString() ?? null,
    lastRollup: lastRollup?.toISOString() ?? null,
  }
}

async function probe(
  service: 'postgres' | 'redis',
  services: Services,
  run: () => Promise<unknown>,
): Promise<Probe> {
  const started = performance.now()
  try {
    await bounded(run())
    return { ok: true, latencyMs: Math.round(performance.now() - started) }
  } catch (error) {
    const { message, code } = coerceError(error) as Error & { code?: string }
    services.logger.warn({ service, err: message || code }, `health check: ${service} unavailable`)
    return { ok: false, error: 'unavailable' }
  }
}

async function bounded<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    )
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
