/** A Redis Cluster node as ioredis takes it. */
export interface ClusterNode {
  host: string
  port: number
}

/** `host:port`, `[v6]:port`: a host name or address, then a TCP port. */
const NODE = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+)):(\d{1,5})$/

/** One `host:port`, or null when it is not one (no scheme, no credentials, a real port). */
export function parseClusterNode(text: string): ClusterNode | null {
  const match = NODE.exec(text.trim())
  if (!match) return null
  const port = Number(match[3])
  if (port < 1 || port > 65_535) return null
  return { host: (match[1] ?? match[2])!, port }
}

/**
 * `host:port[,host:port…]`: the seed nodes. Any reachable node will do, master or replica;
 * ioredis asks it for the slot map and connects to the rest itself.
 */
export function parseClusterNodes(text: string): ClusterNode[] | null {
  const parts = text.split(',').map((part) => part.trim())
  const nodes = parts.map(parseClusterNode)
  if (parts.length === 0 || nodes.some((node) => node === null)) return null
  return nodes as ClusterNode[]
}

/**
 * `announced=reachable[,…]`, each side a `host:port`: the address a node announces to the
 * cluster (CLUSTER SLOTS) and the one this process reaches it at (NAT, Docker, a proxy).
 */
export function parseNatMap(text: string): Record<string, ClusterNode> | null {
  const map: Record<string, ClusterNode> = {}
  for (const pair of text.split(',')) {
    const [announced, reachable, extra] = pair.split('=').map((side) => side.trim())
    const from = parseClusterNode(announced ?? '')
    const to = parseClusterNode(reachable ?? '')
    if (!from || !to || extra !== undefined) return null
    map[`${from.host}:${from.port}`] = to
  }
  return map
}

/**
 * The hash tag Redis Cluster would hash every key under `prefix:` by, or null. Redis hashes
 * the part between the first `{` and the first `}` after it when that part is not empty; the
 * tag must close inside the prefix, or each key's own text would decide its slot.
 */
export function hashTagOf(prefix: string): string | null {
  const open = prefix.indexOf('{')
  if (open < 0) return null
  const close = prefix.indexOf('}', open + 1)
  if (close < 0 || close === open + 1) return null
  return prefix.slice(open + 1, close)
}
