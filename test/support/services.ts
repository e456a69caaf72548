import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { loadConfig, type Config } from '../../src/config.js'
import { createLogger } from '../../src/logger.js'
import { startWorker, type WorkerQueue, type RunningWorker } from '../../src/jobs/workers.js'
import { createServices, type Services } from '../../src/services.js'
import { useTestDatabase } from './database.js'
import { useTestQueuePrefix } from './queue.js'

export interface TestServices {
  services: Services
  /** Starts a worker that is closed after the file's tests. */
  startWorker(queue: WorkerQueue, concurrency?: number): Promise<RunningWorker>
  /** Settings of this file's database and queue prefix, for a CLI subprocess. */
  env(): Record<string, string>
}

/** A database, a queue prefix and services of the calling test file's own. */
export function useTestServices(overrides: Partial<Config> = {}): TestServices {
  const database = useTestDatabase()
  const queue = useTestQueuePrefix()
  const workers: RunningWorker[] = []
  const handle = {} as TestServices
  let config: Config
  beforeAll(() => {
    config = loadConfig(
      {},
      {
        DATABASE_URL: database.url,
        REDIS_URL: queue.redisUrl(),
        QUEUE_PREFIX: queue.prefix,
        LOG_LEVEL: 'warn',
        SPOOL_DIR: mkdtempSync(path.join(tmpdir(), 'dering-spool-')),
        // The suite's own secret (vitest.config.ts), so in-process and CLI workers key alike.
        ...(process.env.CUSTOMER_KEY_SECRET
          ? { CUSTOMER_KEY_SECRET: process.env.CUSTOMER_KEY_SECRET }
          : {}),
        ...overrides,
      },
    )
    handle.services = createServices(config, createLogger(config))
  })
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()))
    await handle.services?.close()
  })
  handle.startWorker = async (name, concurrency = 2) => {
    const worker = await startWorker(handle.services, name, concurrency)
    workers.push(worker)
    return worker
  }
  handle.env = () => ({
    DATABASE_URL: config.DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    QUEUE_PREFIX: config.QUEUE_PREFIX,
    CUSTOMER_KEY_SECRET: config.CUSTOMER_KEY_SECRET,
    SPOOL_DIR: config.SPOOL_DIR,
    LOG_LEVEL: 'warn',
  })
  return handle
}
