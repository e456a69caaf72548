import { readFileSync } from 'node:fs'
import { z } from 'zod'
import {
  DEFAULT_ADAPTER_OPTIONS,
  dateWindowAt,
  type AdapterContext,
  type AdapterLimits,
} from './adapters/adapter.js'
import type { Config } from './config.js'
import { createCustomerKeyer } from './domain/contact.js'
import {
  DEFAULT_SEGMENT_MAP,
  extendSegmentMap,
  SegmentSchema,
  type SegmentMap,
} from './domain/segment.js'
import { createDb, type Db } from './db/connect.js'
import { ConfigError, coerceError } from './errors.js'
import { createLogger, type Logger } from './logger.js'
import { createRedis, type RedisClient } from './queue/connection.js'
import { createQueues, type Queues } from './queue/queues.js'
import { durationSeconds } from './duration.js'

export interface Services {
  config: Config
  db: Db
  /** The producer connection (fails fast); workers open their own. */
  redis: RedisClient
  queues: Queues
  logger: Logger
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
  const customerKey = createCustomerKeyer(config.CUSTOMER_KEY_SECRET)
  const options = {
    ...DEFAULT_ADAPTER_OPTIONS,
    staffDomain: config.EMAIL_STAFF_DOMAIN,
    consultationInbox: config.EMAIL_CONSULTATION_INBOX,
    reportInbox: config.EMAIL_REPORT_INBOX,
    haiUnit: config.HAI_UNIT,
    cdrLayout: config.CDR_LAYOUT ?? null,
    cdrDateOrder: config.CDR_DATE_ORDER,
    xlsxSheet: config.XLSX_SHEET ?? null,
    ...resourceLimitsOf(config),
  }
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
    adapterContext: (fileName, note = () => undefined) => ({
      fileName,
      customerKey,
      segmentMap,
      options,
      dateWindow: dateWindowAt(new Date(), new Date(config.DATE_EARLIEST), config.DATE_FUTURE_DAYS),
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
    throw new ConfigError(`SEGMENT_MAP_FILE: ${file}: ${coerceError(error).message.split('\n')[0]}`)
  }
}

/** The adapters' resource limits from their settings; detection reads within them too. */
export function resourceLimitsOf(config: Config): AdapterLimits {
  return {
    maxRecordBytes: config.MAX_RECORD_BYTES,
    xlsxMaxBytes: config.XLSX_MAX_BYTES,
    xlsxMaxEntryBytes: config.XLSX_MAX_ENTRY_BYTES,
    xlsxMaxRatio: config.XLSX_MAX_RATIO,
    xlsxMaxSharedStringsBytes: config.XLSX_MAX_SHARED_STRINGS_BYTES,
  }
}
