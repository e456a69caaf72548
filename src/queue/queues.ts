import { Queue } from 'bullmq'
import {
  JOB_OPTIONS,
  QUEUES,
  type IngestPayload,
  type IngestResult,
  type RollupPayload,
  type RollupResult,
  type ScanPayload,
} from './catalog.js'
import type { RedisClient } from './connection.js'

export interface Queues {
  ingest: Queue<IngestPayload, IngestResult>
  rollup: Queue<RollupPayload, RollupResult>
  scan: Queue<ScanPayload, void>
  close(): Promise<void>
}

/**
 * One typed Queue per catalog entry; `onError` hears connection errors (BullMQ prints them
 * otherwise). Failed ingest and rollup jobs are kept `failedRetentionSeconds` when given.
 */
export function createQueues(
  connection: RedisClient,
  prefix: string,
  onError: (error: Error) => void,
  failedRetentionSeconds?: number,
): Queues {
  const keepFailed = failedRetentionSeconds ? { removeOnFail: { age: failedRetentionSeconds } } : {}
  const ingest = new Queue<IngestPayload, IngestResult>(QUEUES.ingest, {
    connection,
    prefix,
    defaultJobOptions: { ...JOB_OPTIONS.ingest, ...keepFailed },
  })
  const rollup = new Queue<RollupPayload, RollupResult>(QUEUES.rollup, {
    connection,
    prefix,
    defaultJobOptions: { ...JOB_OPTIONS.rollup, ...keepFailed },
  })
  const scan = new Queue<ScanPayload, void>(QUEUES.scan, {
    connection,
    prefix,
    defaultJobOptions: JOB_OPTIONS.scan,
  })
  for (const queue of [ingest, rollup, scan]) queue.on('error', onError)
  return {
    ingest,
    rollup,
    scan,
    async close() {
      await Promise.all([ingest.close(), rollup.close(), scan.close()])
    },
  }
}
