import { z } from 'zod'
import { dateWindowAt, type DateWindow } from './adapters/adapter.js'
import { parseCdrLayout } from './adapters/phone/cdr-layout.js'
import { ConfigError } from './errors.js'
import { DURATION_PATTERN } from './duration.js'
import { hashTagOf, parseClusterNodes, parseNatMap } from './queue/cluster-nodes.js'

/**
 * The CUSTOMER_KEY_SECRET of the demo and the tests. It is public, so workers and the scheduler
 * refuse it: real data needs a secret of its own.
 */
export const DEVELOPMENT_CUSTOMER_KEY_SECRET = 'dering-development-secret'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
  .refine((value) => URL.canParse(value), 'expected a postgres:// URL')
const redisUrl = z
  .string()
  .regex(/^rediss?:\/\//, 'expected a redis:// URL')
  .refine((value) => URL.canParse(value), 'expected a redis:// URL')
const clusterNodes = z
  .string()
  .refine((value) => parseClusterNodes(value) !== null, 'expected host:port[,host:port…]')
const natMap = z
  .string()
  .refine(
    (value) => parseNatMap(value) !== null,
    'expected announced-host:port=reachable-host:port[,…]',
  )
const positiveInt = z.coerce.number().int().positive()
/** Five fields (minute first) or six (second first), as BullMQ's cron parser takes them. */
const cron = z
  .string()
  .trim()
  .refine(
    (value) => [5, 6].includes(value.split(/\s+/).length),
    'expected a cron pattern such as */5 * * * *',
  )

/** Every setting, its environment variable and its default (matching docker-compose.yml). */
const ConfigSchema = z.object({
  DATABASE_URL: postgresUrl.default('postgres://postgres:postgres@127.0.0.1:5432/dering'),
  REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
  /** Seed nodes of a Redis Cluster; when set, every connection is a cluster client and REDIS_URL is not used. */
  REDIS_CLUSTER_NODES: clusterNodes.optional(),
  /** Cluster nodes announcing addresses this process cannot reach: `announced=reachable,…`. */
  REDIS_CLUSTER_NAT_MAP: natMap.optional(),
  /** ACL user and password of every cluster node (on a single Redis they go in REDIS_URL). */
  REDIS_CLUSTER_USERNAME: z.string().min(1).optional(),
  REDIS_CLUSTER_PASSWORD: z.string().min(1).optional(),
  /** TLS to every cluster node (on a single Redis: a rediss:// URL). */
  REDIS_CLUSTER_TLS: z.union([z.boolean(), z.stringbool()]).default(false),
  /** BullMQ key prefix; on Redis Cluster use a hash tag such as `{dering}`. */
  QUEUE_PREFIX: z
    .string()
    .min(1)
    .regex(/^[^:\s]+$/, 'expected no ":" or spaces')
    .default('dering'),
  BATCH_SIZE: positiveInt.max(50_000).default(2_000),
  WORKER_CONCURRENCY: positiveInt.max(64).default(2),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Key of the customer_key hash; change it in production and keep it secret. */
  CUSTOMER_KEY_SECRET: z
    .string()
    .min(8, 'expected at least 8 characters')
    .default(DEVELOPMENT_CUSTOMER_KEY_SECRET),
  INBOX_DIR: z.string().min(1).default('inbox'),
  /** Where every ingested file is captured as `<sha256>`: the only files workers read. */
  SPOOL_DIR: z.string().min(1).default('spool'),
  /** How long a spooled file is kept after its import succeeded; failed ones stay until discarded. */
  SPOOL_RETENTION: z
    .string()
    .regex(DURATION_PATTERN, 'expected a duration such as 90d or 12h')
    .default('90d'),
  SEGMENT_MAP_FILE: z.string().min(1).optional(),
  /** JSON or YAML extending the topic taxonomy (src/domain/topic.ts); the rollup applies it. */
  TOPIC_MAP_FILE: z.string().min(1).optional(),
  EMAIL_STAFF_DOMAIN: z.string().min(3).default('kemenkeu.go.id'),
  EMAIL_CONSULTATION_INBOX: z.email().default('callcenter.djpk@kemenkeu.go.id'),
  EMAIL_REPORT_INBOX: z.email().default('lapor.djpk@kemenkeu.go.id'),
  HAI_UNIT: z.string().min(1).default('DJPK'),
  /** Phone: the `system-parameters cdr` form's items, or `preset:<format>` (formats/phone.md). */
  CDR_LAYOUT: z
    .string()
    .min(1)
    .superRefine((value, ctx) => {
      try {
        parseCdrLayout(value)
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message })
      }
    })
    .optional(),
  CDR_DATE_ORDER: z.enum(['day/month', 'month/day']).default('day/month'),
  /** XLSX: the worksheet to read, by name or 1-based tab index; unset = the first visible tab. */
  XLSX_SHEET: z.string().min(1).optional(),
  /** Largest record (CSV record, NDJSON line, CDR line, mail message); larger ones are rejected. */
  MAX_RECORD_BYTES: positiveInt.min(1_024).default(10 * 1024 * 1024),
  /** Largest XLSX workbook (compressed); a larger one fails unread. */
  XLSX_MAX_BYTES: positiveInt.min(1_024).default(100 * 1024 * 1024),
  /** Largest uncompressed part of an XLSX workbook, checked before inflating it. */
  XLSX_MAX_ENTRY_BYTES: positiveInt.min(1_024).default(256 * 1024 * 1024),
  /** Highest compression ratio of an XLSX part (uncompressed / compressed), checked before inflating it. */
  XLSX_MAX_RATIO: positiveInt.min(2).default(200),
  /** Largest shared strings part of an XLSX workbook (uncompressed): all of it is held in memory. */
  XLSX_MAX_SHARED_STRINGS_BYTES: positiveInt.min(1_024).default(32 * 1024 * 1024),
  /** Source timestamps before this date are implausible and rejected. */
  DATE_EARLIEST: z.iso.date().default('2000-01-01'),
  /** Source timestamps more than this many days after ingestion are implausible and rejected. */
  DATE_FUTURE_DAYS: z.coerce.number().int().min(0).max(3650).default(1),
  /** When the scheduler scans the inbox (Asia/Jakarta time). */
  SCAN_CRON: cron.default('*/5 * * * *'),
  /** The nightly rollup of the current and previous month, after the 01:00–04:00 export window. */
  ROLLUP_CRON: cron.default('30 4 * * *'),
  /** How long a new inbox file's size and mtime must stay unchanged before it is taken. */
  INBOX_SETTLE_MS: positiveInt.max(3_600_000).default(30_000),
  /** How long a worker's lock on an active job lasts unrenewed: a job whose worker died is retried once it expires. */
  JOB_LOCK_MS: positiveInt.min(1_000).max(3_600_000).default(30_000),
  /** How often workers look for such stalled jobs (whose lock expired) and put them back in the queue. */
  JOB_STALLED_CHECK_MS: positiveInt.min(500).max(3_600_000).default(30_000),
  /** How long a failed job is kept (`30d`, `12h`) before it expires, so failed-job alerts clear. */
  FAILED_RETENTION: z
    .string()
    .regex(DURATION_PATTERN, 'expected a duration such as 30d or 12h')
    .default('30d'),
  /** How long SIGTERM waits for active jobs before closing anyway (they are retried elsewhere). */
  SHUTDOWN_TIMEOUT_MS: positiveInt.max(3_600_000).default(30_000),
  DASHBOARD_HOST: z.string().min(1).default('127.0.0.1'),
  DASHBOARD_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Basic auth of the dashboard; required when it listens beyond loopback. */
  DASHBOARD_USER: z.string().min(1).optional(),
  DASHBOARD_PASSWORD: z.string().min(8, 'expected at least 8 characters').optional(),
  /** Further host names the dashboard answers to (a reverse proxy's), comma-separated. */
  DASHBOARD_ALLOWED_HOSTS: z
    .string()
    .regex(/^\s*[\w.-]+\s*(,\s*[\w.-]+\s*)*$/, 'expected host names separated by commas')
    .optional(),
})

export type Config = Readonly<z.infer<typeof ConfigSchema>>
export const CONFIG_KEYS = Object.keys(ConfigSchema.shape) as (keyof Config)[]

/** Parses the environment once; a bad value fails with one line naming the variable. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Config> = {},
): Config {
  const present = Object.fromEntries(
    CONFIG_KEYS.filter((key) => env[key] !== undefined && env[key] !== '').map((key) => [
      key,
      env[key],
    ]),
  )
  const parsed = ConfigSchema.safeParse({ ...present, ...overrides })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const key = issue?.path.join('.') ?? 'config'
    throw new ConfigError(`${key}: ${issue?.message ?? 'invalid value'}`)
  }
  if (parsed.data.REDIS_CLUSTER_NODES && hashTagOf(parsed.data.QUEUE_PREFIX) === null) {
    throw new ConfigError(
      `QUEUE_PREFIX: on a Redis Cluster (REDIS_CLUSTER_NODES) it needs a hash tag so every queue key lands in one slot; set QUEUE_PREFIX={${parsed.data.QUEUE_PREFIX.replaceAll(/[{}]/g, '') || 'dering'}}`,
    )
  }
  return Object.freeze(parsed.data)
}

/** Every setting at its default: the schema is the one place defaults are written. */
export const CONFIG_DEFAULTS: Config = Object.freeze(ConfigSchema.parse({}))

/** The plausible source times at `now` (DATE_EARLIEST, DATE_FUTURE_DAYS). */
export function dateWindowOf(
  config: Pick<Config, 'DATE_EARLIEST' | 'DATE_FUTURE_DAYS'>,
  now: Date,
): DateWindow {
  return dateWindowAt(now, new Date(config.DATE_EARLIEST), config.DATE_FUTURE_DAYS)
}

/** dateWindowOf the defaults. */
export function defaultDateWindow(now: Date): DateWindow {
  return dateWindowOf(CONFIG_DEFAULTS, now)
}

/** The help text's list of environment variables with their defaults. */
export function describeEnvironment(): string {
  const defaults = CONFIG_DEFAULTS
  return CONFIG_KEYS.map((key) => `  ${key.padEnd(26)} ${String(defaults[key] ?? '(unset)')}`).join(
    '\n',
  )
}

/** Settings dering no longer reads, each with what became of it. */
const REMOVED_SETTINGS: Readonly<Record<string, string>> = {
  PARSE_THREAD_MIN_BYTES:
    "the parse thread was removed: it measured slower than parsing on the job's own thread",
}

/** Warns on stderr of each removed setting that is still set: it has no effect any more. */
export function warnOfRemovedSettings(env: NodeJS.ProcessEnv = process.env): void {
  for (const [key, why] of Object.entries(REMOVED_SETTINGS)) {
    if (env[key] === undefined) continue
    process.stderr.write(`dering: warning: ${key} is no longer read (${why}); unset it\n`)
  }
}

let warnedOfSecret = false

/**
 * Warns once on stderr when a process runs with the public development CUSTOMER_KEY_SECRET
 * (quiet under NODE_ENV=test, and for the demo, which passes `quiet`).
 */
export function warnIfDevelopmentSecret(config: Pick<Config, 'CUSTOMER_KEY_SECRET'>): void {
  if (config.CUSTOMER_KEY_SECRET !== DEVELOPMENT_CUSTOMER_KEY_SECRET) return
  if (process.env.NODE_ENV === 'test' || warnedOfSecret) return
  warnedOfSecret = true
  process.stderr.write(
    'dering: warning: CUSTOMER_KEY_SECRET is the public development value; set a secret of your own ' +
      'before loading real data (it keys the hash of phone numbers and email addresses)\n',
  )
}
