import type { JobsOptions } from 'bullmq'
import { z } from 'zod'
import { ChannelSchema, type Channel } from '../domain/channel.js'
import type { ImportCounts } from '../domain/import-counts.js'
import { MONTH_PATTERN } from '../domain/wib-month.js'
import { SHA256_PATTERN } from '../domain/sha256-pattern.js'

/** The one place that names queues. */
export const QUEUES = { ingest: 'ingest', rollup: 'rollup', scan: 'scan' } as const
export type QueueName = keyof typeof QUEUES
export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[]

/** BullMQ job states in which a job will still run. */
export const LIVE_JOB_STATES: readonly string[] = [
  'active',
  'waiting',
  'delayed',
  'prioritized',
  'waiting-children',
]

/**
 * ingest: one job per file content. Names the content by its sha256 (the worker opens only
 * `SPOOL_DIR/<sha256>`), never a path to read; `name` is the original file's path, for display
 * and to tell a corrected export of the same file. Unknown keys are refused, so a crafted
 * payload with a `path` fails its parse before anything is opened.
 */
export const IngestPayload = z
  .object({
    channel: ChannelSchema,
    sha256: z.string().regex(SHA256_PATTERN, 'expected a sha256 (64 lowercase hex digits)'),
    /** Where the file was captured from (inbox or the operator's path): shown, never opened. */
    name: z.string().min(1).max(4096),
    /** Load it even when this database already holds a succeeded import of the same content. */
    force: z.boolean().optional(),
  })
  .strict()
export type IngestPayload = z.infer<typeof IngestPayload>

/** rollup: recompute whole WIB months (`YYYY-MM`); `all` recomputes every month with data. */
export const RollupPayload = z.union([
  z.object({ months: z.array(z.string().regex(MONTH_PATTERN, 'expected YYYY-MM')).min(1) }),
  z.object({ all: z.literal(true) }),
  z.object({ recent: z.literal(true) }),
])
export type RollupPayload = z.infer<typeof RollupPayload>

/** scan: look for new files in the inbox folders. */
export const ScanPayload = z.object({})
export type ScanPayload = z.infer<typeof ScanPayload>

/** What a finished ingest job returns (also stored on the `import` row). */
export interface IngestResult extends ImportCounts {
  importId: number
  /** WIB months (`YYYY-MM`) whose figures the file changed. */
  months: string[]
  /** Failed jobs of the same file name this import replaced (a corrected export). */
  superseded?: string[]
}

export interface RollupResult {
  months: string[]
}

/** Content-addressed: the same content enqueued twice (any name) is one job. BullMQ bans ':'. */
export const ingestJobId = (channel: Channel, sha256: string): string => `${channel}-${sha256}`
export const rollupJobId = (key: string): string => `rollup-${key}`

/** Failed jobs are kept until an operator replays or discards them, or FAILED_RETENTION passes (createQueues). */
export const JOB_OPTIONS = {
  ingest: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { age: 30 * 24 * 3600, count: 50_000 },
    removeOnFail: false,
  },
  rollup: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { age: 7 * 24 * 3600, count: 1_000 },
    removeOnFail: false,
  },
  scan: {
    attempts: 1,
    removeOnComplete: { count: 100 },
    removeOnFail: { count: 100 },
  },
} as const satisfies Record<QueueName, JobsOptions>

/** Redis hash (under the queue prefix, so a `{hash tag}` keeps it in the queues' slot) of the inbox files the scanner has seen. */
export const inboxObservationsKey = (prefix: string): string => `${prefix}:inbox-observations`
/** A follow-up scan confirms new inbox files once they have settled; one at a time. */
export const SCAN_SETTLE_DEDUPLICATION_ID = 'inbox-settle'
/** Job scheduler ids: upserting the same id from several processes leaves one schedule. */
export const SCHEDULES = { scan: 'inbox-scan', rollup: 'nightly-rollup' } as const
