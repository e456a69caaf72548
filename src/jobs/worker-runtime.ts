import { QUEUES } from '../queue/catalog.js'
import { createRedis, readEvictionPolicies, type RedisClient } from '../queue/connection.js'
import type { Services } from '../services.js'
import { createConnectionState, type ConnectionState } from './connection-state.js'
import { watchPostgres, type PostgresWatch } from './watch-postgres.js'
import { watchRedis } from './watch-redis.js'

/** What the workers of one process share: a Redis connection and the services' health. */
export interface WorkerRuntime {
  connection: RedisClient
  redis: ConnectionState
  postgres: ConnectionState
  postgresWatch: PostgresWatch
  /** Called by each worker's close; the last one closes the connection. */
  release(): Promise<void>
}

const runtimes = new WeakMap<Services, { runtime: WorkerRuntime; users: number }>()

/**
 * One runtime per Services: BullMQ workers may share their non-blocking connection (each
 * opens its own blocking one), and one state per service keeps the log at one line per change
 * however many queues the process works.
 */
export function acquireWorkerRuntime(services: Services): WorkerRuntime {
  const existing = runtimes.get(services)
  if (existing) {
    existing.users += 1
    return existing.runtime
  }
  const logger = services.logger
  const connection = createRedis(services.config, 'worker')
  const redis = createConnectionState(logger, 'redis')
  const postgres = createConnectionState(logger, 'postgres')
  const redisWatch = watchRedis(
    connection,
    redis,
    `${services.config.QUEUE_PREFIX}:${QUEUES.ingest}:meta`,
  )
  const postgresWatch = watchPostgres(services.db, postgres)
  const entry = {
    users: 1,
    runtime: {
      connection,
      redis,
      postgres,
      postgresWatch,
      async release() {
        entry.users -= 1
        if (entry.users > 0) return
        runtimes.delete(services)
        postgresWatch.stop()
        redisWatch.stop()
        // QUIT waits for Redis; while Redis is away, drop the connection instead of hanging.
        const quit = connection.quit().then(
          () => true,
          () => false,
        )
        const quitInTime = await Promise.race([
          quit,
          new Promise<false>((resolve) => setTimeout(resolve, 2_000, false).unref()),
        ])
        if (!quitInTime) connection.disconnect()
      },
    },
  }
  runtimes.set(services, entry)
  void postgresWatch.check()
  // Not awaited: while Redis is away this waits for it, and the workers should start anyway.
  void readEvictionPolicies(connection).then(
    (policies) => {
      for (const { server, policy } of policies) {
        if (policy === 'noeviction') continue
        logger.warn(
          { server, policy },
          `Redis maxmemory-policy is ${policy} on ${server}; set it to noeviction or queued jobs may be lost`,
        )
      }
    },
    () => undefined, // The connection closed before it was ready; its state says why.
  )
  return entry.runtime
}
