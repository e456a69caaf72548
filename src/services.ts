import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { AdapterContext, AdapterOptions } from './adapters/adapter.js'
import { FORMAT_SETTINGS } from './adapters/formats/format-settings.js'
import { CHANNEL_ADAPTERS } from './adapters/registry.js'
import { CONFIG_DEFAULTS, CONFIG_KEYS, dateWindowOf, type Config } from './config.js'
import { createCustomerKeyer } from './domain/contact.js'
import {
  DEFAULT_SEGMENT_MAP,
  extendSegmentMap,
  SegmentSchema,
  type SegmentMap,
} from './domain/segment.js'
import type { TopicTaxonomy } from './domain/topic-taxonomy.js'
import { createDb, type Db } from './db/connect.js'
import { ConfigError, coerceError, firstLine } from './errors.js'
import { createLogger, type Logger } from './logger.js'
import { createRedis, type RedisClient } from './queue/connection.js'
import { createQueues, type Queues } from './queue/queues.js'
import { durationSeconds } from './duration.js'
import { loadTopicTaxonomy } from './load-topic-map.js'

export interface Services {
  config: Config
  db: Db
  /** The producer connection (fails fast); workers open their own. */
  redis: RedisClient
  queues: Queues
  logger: Logger
  /**
   * The topics the rollup maps raw topics and subjects to (TOPIC_MAP_FILE extends them), read on
   * first use: a broken map stops what needs it, never `status` or `failed`.
   */
  readonly topicTaxonomy: TopicTaxonomy
  /** `note` receives the file-level notes the adapter makes while reading. */
  adapterContext(fileName: string, note?: (message: string) => void): AdapterContext
  close(): Promise<void>
}

export interface ServiceOptions {
  /** A one-shot CLI command: give up on an unreachable Redis after a few seconds instead of waiting. */
  failFast?: boolean
}

export function createServices(
  config: Config,
  logger: Logger = createLogger(config),
  serviceOptions: ServiceOptions = {},
): Services {
  const segmentMap = loadSegmentMap(config.SEGMENT_MAP_FILE)
  let topicTaxonomy: TopicTaxonomy | undefined
  const customerKey = createCustomerKeyer(config.CUSTOMER_KEY_SECRET)
  const options = adapterOptionsOf(config)
  const db = createDb(config.DATABASE_URL)
  const redis = createRedis(config, serviceOptions.failFast ? 'command' : 'producer')
  const onRedisError = (error: Error) => logger.debug({ err: error }, 'redis connection error')
  redis.on('error', onRedisError)
  const queues = createQueues(
    redis,
    config.QUEUE_PREFIX,
    onRedisError,
    durationSeconds(config.FAILED_RETENTION),
  )
  return {
    config,
    db,
    redis,
    queues,
    logger,
    get topicTaxonomy() {
      return (topicTaxonomy ??= loadTopicTaxonomy(config.TOPIC_MAP_FILE))
    },
    adapterContext: (fileName, note = () => undefined) => ({
      fileName,
      customerKey,
      segmentMap,
      options,
      dateWindow: dateWindowOf(config, new Date()),
      note,
    }),
    async close() {
      // Last opened, first closed; keep going after a failure and report the first.
      const errors: unknown[] = []
      for (const close of [() => queues.close(), () => redis.quit(), () => db.destroy()]) {
        await close().catch((error: unknown) => errors.push(error))
      }
      if (errors.length > 0) throw coerceError(errors[0])
    },
  }
}

function loadSegmentMap(file: string | undefined): SegmentMap {
  if (!file) return DEFAULT_SEGMENT_MAP
  try {
    const entries = z
      .record(z.string(), SegmentSchema)
      .parse(JSON.parse(readFileSync(file, 'utf8')))
    return extendSegmentMap(entries)
  } catch (error) {
    throw new ConfigError(`SEGMENT_MAP_FILE: ${file}: ${firstLine(coerceError(error).message)}`)
  }
}

/**
 * The adapters' options from the configuration, as the shared readers and each registered
 * channel name their settings; detection reads with them too.
 */
export function adapterOptionsOf(config: Config): AdapterOptions {
  const settings = [FORMAT_SETTINGS, ...Object.values(CHANNEL_ADAPTERS).map((a) => a.settings)]
  const options: Record<string, unknown> = {}
  for (const [field, key] of settings.flatMap((slice) => Object.entries(slice))) {
    if (!isConfigKey(key)) throw new Error(`adapter option ${field}: no setting ${key}`)
    options[field] = config[key] ?? null
  }
  return options as unknown as AdapterOptions
}

/** The adapter options of an unconfigured environment: the schema's defaults (tests, the fuzzer). */
export const DEFAULT_ADAPTER_OPTIONS: AdapterOptions = Object.freeze(
  adapterOptionsOf(CONFIG_DEFAULTS),
)

function isConfigKey(key: string): key is keyof Config {
  return (CONFIG_KEYS as readonly string[]).includes(key)
}
