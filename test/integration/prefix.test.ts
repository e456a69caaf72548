import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { copyFile, mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scanInbox } from '../../src/jobs/scan-inbox.js'
import { upsertSchedules } from '../../src/jobs/upsert-schedules.js'
import { startWorker, type RunningWorker } from '../../src/jobs/workers.js'
import { serversOf, type RedisClient } from '../../src/queue/connection.js'
import { fixturePath } from '../adapters/run-adapter.js'
import { ingestAndWait } from '../support/ingest.js'
import { useTestServices } from '../support/services.js'

/** A Redis Cluster prefix: the hash tag puts every key of dering's queues in one slot. */
const prefix = `{dering-test-${randomBytes(4).toString('hex')}}`
const inbox = mkdtempSync(path.join(tmpdir(), 'dering-inbox-'))
/** Where keys would land if some Queue or Worker missed the configured prefix. */
const STRAY_PATTERNS = ['bull:*', 'dering:*']

describe('QUEUE_PREFIX', () => {
  const t = useTestServices({ QUEUE_PREFIX: prefix, INBOX_DIR: inbox, INBOX_SETTLE_MS: 1 })
  const workers: RunningWorker[] = []
  let strayBefore: Set<string>
  beforeAll(async () => {
    strayBefore = new Set(await scanKeys(t.services.redis, STRAY_PATTERNS))
    for (const queue of ['ingest', 'rollup', 'scan'] as const) {
      workers.push(await startWorker(t.services, queue, 1))
    }
  })
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()))
    const keys = await scanKeys(t.services.redis, [`${prefix}:*`])
    if (keys.length > 0) await t.services.redis.del(...keys)
    await rm(inbox, { recursive: true, force: true })
  })

  it('keeps every key of queues, jobs, schedules and inbox observations under the prefix', async () => {
    const [outcome] = await ingestAndWait(t.services, 'whatsapp', [
      fixturePath('whatsapp/sample-bom-semicolon.csv'),
    ])
    expect(outcome?.status).toBe('ingested')
    await upsertSchedules(t.services)
    await mkdir(path.join(inbox, 'phone'), { recursive: true })
    await copyFile(
      fixturePath('whatsapp/sample-bom-semicolon.csv'),
      path.join(inbox, 'phone', 'pending.csv'),
    )
    await scanInbox(t.services)

    const keys = await scanKeys(t.services.redis, [`${prefix}:*`])
    const namespaces = new Set(keys.map((key) => key.slice(prefix.length + 1).split(':')[0]))
    expect([...namespaces].sort()).toEqual(['inbox-observations', 'ingest', 'rollup', 'scan'])
    expect(keys).toContain(`${prefix}:ingest:${outcome!.file.jobId}`)
    expect(keys).toContain(`${prefix}:scan:repeat:inbox-scan`)

    const strayAfter = await scanKeys(t.services.redis, STRAY_PATTERNS)
    expect(strayAfter.filter((key) => !strayBefore.has(key))).toEqual([])
  })
})

/** Every key matching the patterns, on every master when Redis is a cluster. */
async function scanKeys(redis: RedisClient, patterns: readonly string[]): Promise<string[]> {
  const keys: string[] = []
  for (const server of await serversOf(redis)) {
    for (const pattern of patterns) {
      let cursor = '0'
      do {
        const [next, batch] = await server.scan(cursor, 'MATCH', pattern, 'COUNT', 1000)
        cursor = next
        keys.push(...batch)
      } while (cursor !== '0')
    }
  }
  return keys
}
