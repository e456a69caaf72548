import { execFile, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { Redis } from 'ioredis'
import { freePort, spawnRedisServer } from './private-services.js'

const run = promisify(execFile)

interface ClusterMember {
  /** `127.0.0.1:port` */
  address: string
  port: number
  process: ChildProcess
}

interface SlotOwners {
  slot: number
  master: string
  replicas: string[]
}

export interface PrivateCluster {
  members: ClusterMember[]
  /** The master and replicas that serve `key`'s slot now. */
  ownersOf(key: string): Promise<SlotOwners>
  /** Kills a node's process with a signal (SIGKILL: a crash, no goodbye to the cluster). */
  kill(address: string, signal: NodeJS.Signals): Promise<void>
  /** Resolves once `address` is a master and the cluster serves every slot again. */
  waitForPromotion(address: string, timeoutMs?: number): Promise<void>
  /** A plain client of one node, closed by `destroy`. */
  node(address: string): Redis
  /** Kills every node and deletes the data directories. */
  destroy(): Promise<void>
}

/** Short enough for a test; a replica is promoted about two timeouts after its master dies. */
const NODE_TIMEOUT_MS = 1_000

/**
 * A Redis Cluster of its own on free loopback ports: three masters with one replica each
 * (`redis-cli --cluster create … --cluster-replicas 1`), data in a temporary directory.
 */
export async function startPrivateCluster(): Promise<PrivateCluster> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dering-cluster-'))
  const members: ClusterMember[] = []
  const clients = new Map<string, Redis>()
  const node = (address: string) => {
    let client = clients.get(address)
    if (!client) {
      const [host, port] = address.split(':')
      client = new Redis({
        host,
        port: Number(port),
        maxRetriesPerRequest: 1,
        retryStrategy: () => null,
      })
      client.on('error', () => undefined)
      clients.set(address, client)
    }
    return client
  }
  const destroy = async () => {
    for (const client of clients.values()) client.disconnect()
    await Promise.all(members.map((m) => stopProcess(m.process, 'SIGKILL')))
    await rm(dir, { recursive: true, force: true })
  }
  try {
    for (let i = 0; i < 6; i += 1) {
      // The cluster bus port is set too: port + 10000 may be taken or beyond 65535.
      const [port, busPort] = [await freePort(), await freePort()]
      const data = path.join(dir, String(port))
      await mkdir(data)
      const process = await spawnRedisServer([
        '--port',
        String(port),
        '--cluster-port',
        String(busPort),
        '--bind',
        '127.0.0.1',
        '--dir',
        data,
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        path.join(data, 'nodes.conf'),
        '--cluster-node-timeout',
        String(NODE_TIMEOUT_MS),
        // A replica always takes over, however long it has been since it heard its master.
        '--cluster-replica-validity-factor',
        '0',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
      ])
      members.push({ address: `127.0.0.1:${port}`, port, process })
    }
    await run('redis-cli', [
      '--cluster',
      'create',
      ...members.map((m) => m.address),
      '--cluster-replicas',
      '1',
      '--cluster-yes',
    ])
    await waitUntil('the cluster to form', () => everyNode(members, node, clusterIsWhole), 30_000)
  } catch (error) {
    await destroy()
    throw error
  }

  return {
    members,
    node,
    async ownersOf(key) {
      const any = node(
        members.find((m) => m.process.exitCode === null && m.process.signalCode === null)!.address,
      )
      const slot = Number(await any.cluster('KEYSLOT', key))
      const ranges = await any.cluster('SLOTS')
      const range = ranges.find(([start, end]) => slot >= start && slot <= end)
      if (!range) throw new Error(`no node serves slot ${slot}`)
      const [master, ...replicas] = range.slice(2) as [string, number, ...unknown[]][]
      const address = ([host, port]: [string, number, ...unknown[]]) => `${host}:${port}`
      return { slot, master: address(master!), replicas: replicas.map(address) }
    },
    async kill(address, signal) {
      const member = members.find((m) => m.address === address)
      if (!member) throw new Error(`no cluster node at ${address}`)
      clients.get(address)?.disconnect()
      clients.delete(address)
      await stopProcess(member.process, signal)
    },
    async waitForPromotion(address, timeoutMs = 30_000) {
      await waitUntil(
        `${address} to be promoted`,
        async () => {
          const [role] = (await node(address).role()) as [string]
          if (role !== 'master') return false
          const info = await node(address).cluster('INFO')
          return /cluster_state:ok/.test(info)
        },
        timeoutMs,
      )
    },
    destroy,
  }
}

/** Every slot served, every node known, every replica in sync with its master. */
async function clusterIsWhole(client: Redis): Promise<boolean> {
  const info = await client.cluster('INFO')
  if (!/cluster_state:ok/.test(info) || !/cluster_known_nodes:6\b/.test(info)) return false
  const replication = await client.info('replication')
  return !/role:slave/.test(replication) || /master_link_status:up/.test(replication)
}

async function everyNode(
  members: readonly ClusterMember[],
  node: (address: string) => Redis,
  check: (client: Redis) => Promise<boolean>,
): Promise<boolean> {
  const results = await Promise.all(members.map((m) => check(node(m.address))))
  return results.every(Boolean)
}

async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await probe().catch(() => false)) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill(signal)
  await exited
}
