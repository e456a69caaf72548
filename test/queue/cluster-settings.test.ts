import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { ConfigError } from '../../src/errors.js'
import {
  hashTagOf,
  parseClusterNode,
  parseClusterNodes,
  parseNatMap,
} from '../../src/queue/cluster-nodes.js'

describe('hashTagOf: the part of a prefix Redis Cluster hashes every key by', () => {
  it.each([
    ['{dering}', 'dering'],
    ['{dering-prod}', 'dering-prod'],
    ['app{dering}', 'dering'],
    ['{a}{b}', 'a'], // only the first tag counts
    ['{{x}', '{x'], // Redis takes the first `{` and the first `}` after it
  ])('%s hashes by %s', (prefix, tag) => expect(hashTagOf(prefix)).toBe(tag))

  it.each([
    'dering', // no tag: each queue key lands in a slot of its own
    '{}dering', // an empty tag is no tag: Redis hashes the whole key
    '{dering', // unclosed in the prefix: the key's own text would close it
    'dering}',
  ])('%s has none', (prefix) => expect(hashTagOf(prefix)).toBeNull())
})

describe('cluster node lists', () => {
  it('reads host:port, names and bracketed IPv6', () => {
    expect(parseClusterNodes('10.0.0.1:7000, redis-0.redis:6379,[::1]:7001')).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: 'redis-0.redis', port: 6379 },
      { host: '::1', port: 7001 },
    ])
  })

  it.each([
    '',
    'redis://10.0.0.1:7000',
    '10.0.0.1',
    '10.0.0.1:0',
    '10.0.0.1:70000',
    'a:1,',
    'u:p@h:1',
  ])('refuses %j', (text) => expect(parseClusterNodes(text)).toBeNull())

  it('maps announced addresses to reachable ones', () => {
    expect(parseNatMap('10.0.0.1:7000=203.0.113.5:17000,10.0.0.2:7000=203.0.113.5:17001')).toEqual({
      '10.0.0.1:7000': { host: '203.0.113.5', port: 17000 },
      '10.0.0.2:7000': { host: '203.0.113.5', port: 17001 },
    })
    expect(parseNatMap('10.0.0.1:7000')).toBeNull()
    expect(parseNatMap('10.0.0.1:7000=a:1=b:2')).toBeNull()
    expect(parseClusterNode(' h:1 ')).toEqual({ host: 'h', port: 1 })
  })
})

describe('cluster settings at start', () => {
  const nodes = { REDIS_CLUSTER_NODES: '127.0.0.1:7000,127.0.0.1:7001' }

  it('a prefix without a hash tag is one line saying what to set', () => {
    expect(() => loadConfig({ ...nodes, QUEUE_PREFIX: 'dering-prod' })).toThrow(
      new ConfigError(
        'QUEUE_PREFIX: on a Redis Cluster (REDIS_CLUSTER_NODES) it needs a hash tag so every queue key lands in one slot; set QUEUE_PREFIX={dering-prod}',
      ),
    )
    expect(() => loadConfig(nodes)).toThrow(/set QUEUE_PREFIX=\{dering\}$/)
  })

  it('takes a tagged prefix, the NAT map, credentials and TLS', () => {
    const config = loadConfig({
      ...nodes,
      QUEUE_PREFIX: '{dering}',
      REDIS_CLUSTER_NAT_MAP: '10.0.0.1:7000=127.0.0.1:7000',
      REDIS_CLUSTER_PASSWORD: 'secret',
      REDIS_CLUSTER_TLS: 'true',
    })
    expect(config).toMatchObject({ QUEUE_PREFIX: '{dering}', REDIS_CLUSTER_TLS: true })
  })

  it('a bad node list or NAT map names its variable', () => {
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis://h:1' })).toThrow(
      'REDIS_CLUSTER_NODES: expected host:port[,host:port…]',
    )
    expect(() =>
      loadConfig({ ...nodes, QUEUE_PREFIX: '{d}', REDIS_CLUSTER_NAT_MAP: 'nope' }),
    ).toThrow(/^REDIS_CLUSTER_NAT_MAP: expected/)
  })

  it('a single Redis keeps any prefix', () => {
    expect(loadConfig({ QUEUE_PREFIX: 'dering' }).QUEUE_PREFIX).toBe('dering')
  })
})
