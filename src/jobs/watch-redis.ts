import { Cluster } from 'ioredis'
import type { RedisClient } from '../queue/connection.js'
import type { ConnectionState } from './connection-state.js'

const PROBE_INTERVAL_MS = 500

/**
 * Feeds a connection's events into its state. A single Redis says it all with `ready`, `error`
 * and `reconnecting`. A cluster client stays `ready` while one master dies: it reports a
 * `node error`, and its commands wait for a replica's promotion. So a node error marks Redis
 * down, and Redis is up again once a command on `probeKey` (in the queues' slot) answers.
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

  const probeUntilUp = async () => {
    if (probing) return
    probing = true
    while (!stopped && connection.status === 'ready') {
      const answered = await connection.exists(probeKey).then(
        () => true,
        () => false,
      )
      if (answered) {
        state.markUp()
        break
      }
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS).unref())
    }
    probing = false
  }
  connection.on('node error', (error: unknown, node: string) => {
    state.markDown(new Error(`node ${node}: ${describe(error)}`))
    void probeUntilUp()
  })
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
