import { Cluster, type Redis } from 'ioredis'
import { addressOf, type RedisClient } from '../queue/connection.js'
import type { ConnectionState } from './connection-state.js'

const PROBE_INTERVAL_MS = 500
/** A probe of the queues' slot slower than this means their master is away. */
const PROBE_PATIENCE_MS = 1_000

/**
 * Feeds a connection's events into its state. A single Redis says it all with `ready`, `error`
 * and `reconnecting`. A cluster client stays `ready` while one master dies: its connection to
 * that node ends (`-node`, sometimes a `node error`), and commands for its slots wait for a
 * replica's promotion. So when a master's connection goes, a command on `probeKey` (in the
 * queues' slot) is sent: if it takes longer than a second Redis is down, naming the node, and
 * it is up again once the command answers. A master that does not hold the queues logs nothing.
 */
export function watchRedis(
  connection: RedisClient,
  state: ConnectionState,
  probeKey: string,
): { stop(): void } {
  let stopped = false
  let probing = false
  connection.on('ready', () => state.markUp())
  connection.on('error', (error) => state.markDown(error))
  connection.on('reconnecting', () => state.markDown(new Error('reconnecting')))
  if (!(connection instanceof Cluster)) return { stop: () => undefined }

  const answers = () =>
    connection.exists(probeKey).then(
      () => true,
      () => false,
    )
  const probe = async (node: string, reason: string) => {
    if (probing || stopped || connection.status !== 'ready') return
    probing = true
    const slow = setTimeout(
      () => state.markDown(new Error(`node ${node}: ${reason}`)),
      PROBE_PATIENCE_MS,
    ).unref()
    while (!stopped && !(await answers())) {
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS).unref())
    }
    clearTimeout(slow)
    if (!stopped) state.markUp()
    probing = false
  }
  connection.on('-node', (node: Redis) => {
    if (!node.options.readOnly) void probe(addressOf(node), 'connection closed')
  })
  connection.on('node error', (error: unknown, node: string) => void probe(node, describe(error)))
  return {
    stop: () => {
      stopped = true
    },
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && !error.message.includes(code)
    ? `${code} ${error.message}`
    : error.message || String(code)
}
