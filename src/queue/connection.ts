import { Cluster, Redis, type ClusterOptions } from 'ioredis'
import { parseClusterNodes, parseNatMap } from './cluster-nodes.js'

/** A single Redis or a Redis Cluster: BullMQ and dering's own commands take either. */
export type RedisClient = Redis | Cluster

/** The settings that say where Redis is. */
export interface RedisSettings {
  REDIS_URL: string
  REDIS_CLUSTER_NODES?: string
  REDIS_CLUSTER_NAT_MAP?: string
  REDIS_CLUSTER_USERNAME?: string
  REDIS_CLUSTER_PASSWORD?: string
  REDIS_CLUSTER_TLS: boolean
}

/**
 * - `command`: a CLI command's connection; gives up after a few seconds without Redis, so the
 *   command fails with a clear message instead of hanging.
 * - `producer`: a long-running process's connection for adding jobs; reconnects forever.
 * - `worker`: a BullMQ worker's blocking connection; waits forever (`maxRetriesPerRequest: null`,
 *   which BullMQ requires).
 */
export type RedisRole = 'command' | 'producer' | 'worker'

const COMMAND_CONNECT_ATTEMPTS = 2

/** Backoff between reconnects; a CLI command stops after a few attempts. */
function reconnectDelay(role: RedisRole, attempt: number): number | null {
  return role === 'command' && attempt > COMMAND_CONNECT_ATTEMPTS
    ? null
    : Math.min(500 * 2 ** Math.min(attempt, 5), 20_000)
}

/** A cluster client when REDIS_CLUSTER_NODES is set, else a client of REDIS_URL. */
export function createRedis(settings: RedisSettings, role: RedisRole): RedisClient {
  const nodeOptions = {
    maxRetriesPerRequest: role === 'worker' ? null : 2,
    enableReadyCheck: true,
    connectTimeout: 5_000,
    connectionName: `dering-${role}`,
  }
  if (!settings.REDIS_CLUSTER_NODES) {
    return new Redis(settings.REDIS_URL, {
      ...nodeOptions,
      retryStrategy: (attempt) => reconnectDelay(role, attempt),
    })
  }
  return new Cluster(parseClusterNodes(settings.REDIS_CLUSTER_NODES) ?? [], {
    ...clusterOptions(settings),
    clusterRetryStrategy: (attempt) => reconnectDelay(role, attempt),
    redisOptions: {
      ...nodeOptions,
      username: settings.REDIS_CLUSTER_USERNAME,
      password: settings.REDIS_CLUSTER_PASSWORD,
      ...(settings.REDIS_CLUSTER_TLS ? { tls: {} } : {}),
    },
  })
}

/**
 * How a cluster client rides out a failover or a resharding. A command sent to a master that
 * died is retried every 500 ms (refreshing the slot map each time) up to 40 times: 20 s, which
 * covers a replica's promotion after `cluster-node-timeout` on a sensibly configured cluster.
 * MOVED and ASK (resharding) are followed at once.
 */
function clusterOptions(settings: RedisSettings): ClusterOptions {
  const natMap = settings.REDIS_CLUSTER_NAT_MAP ? parseNatMap(settings.REDIS_CLUSTER_NAT_MAP) : null
  return {
    enableReadyCheck: true,
    retryDelayOnFailover: 500,
    retryDelayOnClusterDown: 500,
    retryDelayOnTryAgain: 200,
    maxRedirections: 40,
    slotsRefreshTimeout: 2_000,
    ...(natMap ? { natMap } : {}),
  }
}

/** The master nodes of a cluster (once it knows them), or the one server. */
export async function serversOf(redis: RedisClient): Promise<Redis[]> {
  if (!(redis instanceof Cluster)) return [redis]
  if (redis.status !== 'ready') {
    await new Promise<void>((resolve, reject) => {
      redis.once('ready', resolve)
      redis.once('end', () => reject(new Error('the Redis Cluster connection ended')))
    })
  }
  return redis.nodes('master')
}

/** `host:port` of a server, for log lines. */
export function addressOf(server: Redis): string {
  return `${server.options.host ?? '127.0.0.1'}:${server.options.port ?? 6379}`
}

export interface EvictionPolicy {
  server: string
  policy: string
}

/**
 * BullMQ loses jobs when Redis evicts keys; anything but `noeviction` deserves a warning. On a
 * cluster every master is asked: the queues live on one, and a resharding may move them.
 */
export async function readEvictionPolicies(redis: RedisClient): Promise<EvictionPolicy[]> {
  const policies = await Promise.all(
    (await serversOf(redis)).map(async (server) => {
      const policy = await readEvictionPolicy(server)
      return policy === null ? [] : [{ server: addressOf(server), policy }]
    }),
  )
  return policies.flat()
}

async function readEvictionPolicy(server: Redis): Promise<string | null> {
  try {
    const reply = (await server.config('GET', 'maxmemory-policy')) as string[]
    return reply[1] ?? null
  } catch {
    return null // CONFIG is disabled on some managed Redis services.
  }
}
