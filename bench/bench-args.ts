import { parseArgs } from 'node:util'
import { BENCH_CHANNELS, type BenchChannel } from './bench-ticket.js'

export interface BenchArgs {
  tickets: number
  rollupTickets: number
  memoryBytes: number
  skipMemory: boolean
  skipRollup: boolean
  skipIngest: boolean
  /** Skips each format alone and the peer loaders (pgloader, a raw COPY). */
  skipFormats: boolean
  /** Formats whose worker memory peak is measured. */
  memoryChannels: BenchChannel[]
  /** Worker process counts to measure ingestion with. */
  workers: number[]
  /** Directory for the generated exports (a temporary one, removed afterwards, by default). */
  dir: string | null
  /** Environment passed to the worker processes (BATCH_SIZE=…, WORKER_CONCURRENCY=…). */
  workerEnv: Record<string, string>
  /** Writes worker CPU profiles (node --cpu-prof) into this directory. */
  cpuProf: string | null
}

const USAGE = `usage: npm run bench -- [options]
  --tickets N          tickets to ingest, spread over WhatsApp CSV, Avaya CDR and Deskpro NDJSON (1000000)
  --rollup-tickets N   facts generated in SQL for the rollup timings (10000000)
  --memory-bytes N     size of the file per format for the worker memory peak (1073741824)
  --memory-channels C  comma-separated, of whatsapp (CSV), phone (CDR), livechat (NDJSON) (all three)
  --skip-memory, --skip-rollup, --skip-ingest
  --skip-formats       skip each format alone (CPU per record) and the peers (raw COPY, pgloader)
  --workers 1,2        worker process counts to measure ingestion with (1,2)
  --worker-env K=V     extra setting for the workers, repeatable (e.g. BATCH_SIZE=5000)
  --cpu-prof DIR       run the workers under node --cpu-prof, writing profiles to DIR
  --dir DIR            where to write the exports (default: a temporary directory, removed after)
Postgres and Redis come from DATABASE_URL and REDIS_URL (or the defaults); the bench makes and
drops databases of its own on that server and uses a queue prefix of its own.`

const count = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback
  const n = Number(value.replace(/_/g, ''))
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new Error(`--${name}: expected a positive whole number, got ${value}\n${USAGE}`)
  }
  return n
}

export function parseBenchArgs(argv: string[]): BenchArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      tickets: { type: 'string' },
      'rollup-tickets': { type: 'string' },
      'memory-bytes': { type: 'string' },
      'memory-channels': { type: 'string' },
      'skip-memory': { type: 'boolean', default: false },
      'skip-rollup': { type: 'boolean', default: false },
      'skip-ingest': { type: 'boolean', default: false },
      'skip-formats': { type: 'boolean', default: false },
      workers: { type: 'string' },
      'worker-env': { type: 'string', multiple: true },
      'cpu-prof': { type: 'string' },
      dir: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) return 'help'
  const workerEnv = Object.fromEntries(
    (values['worker-env'] ?? []).map((pair) => {
      const at = pair.indexOf('=')
      if (at < 1) throw new Error(`--worker-env: expected KEY=VALUE, got ${pair}`)
      return [pair.slice(0, at), pair.slice(at + 1)]
    }),
  )
  return {
    tickets: count('tickets', values.tickets, 1_000_000),
    rollupTickets: count('rollup-tickets', values['rollup-tickets'], 10_000_000),
    memoryBytes: count('memory-bytes', values['memory-bytes'], 1 << 30),
    memoryChannels: (values['memory-channels']?.split(',') ?? [...BENCH_CHANNELS]).map(
      (channel) => {
        if (!(BENCH_CHANNELS as readonly string[]).includes(channel)) {
          throw new Error(
            `--memory-channels: expected ${BENCH_CHANNELS.join(', ')}, got ${channel}`,
          )
        }
        return channel as BenchChannel
      },
    ),
    skipMemory: values['skip-memory'],
    skipRollup: values['skip-rollup'],
    skipIngest: values['skip-ingest'],
    skipFormats: values['skip-formats'],
    workers: (values.workers ?? '1,2').split(',').map((w) => count('workers', w, 1)),
    dir: values.dir ?? null,
    workerEnv,
    cpuProf: values['cpu-prof'] ?? null,
  }
}

export { USAGE }
