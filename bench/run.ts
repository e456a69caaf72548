import { mkdtemp, rm, mkdir } from 'node:fs/promises'
import { cpus, tmpdir, totalmem } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { loadConfig } from '../src/config.js'
import type { Db } from '../src/db/connect.js'
import { coerceError } from '../src/errors.js'
import { parseBenchArgs, USAGE, type BenchArgs } from './bench-args.js'
import { benchFormats } from './bench-formats.js'
import { BENCH_CHANNELS, type BenchChannel } from './bench-ticket.js'
import { createBenchDatabases, type BenchDatabases } from './bench-database.js'
import { copyBaseline } from './copy-baseline.js'
import { FILE_EXTENSIONS } from './format-records.js'
import { measureIngest, sumResults, type BenchFile } from './measure-ingest.js'
import { measureRollup } from './measure-rollup.js'
import {
  cpuPerRecord,
  describeCpu,
  formatBenchTable,
  formatMegabytes,
  formatRate,
  type BenchRow,
} from './print-table.js'
import { writeExport, writeExportOfSize } from './write-export.js'

/** Share of the tickets per channel, WhatsApp first as in the report. */
const SHARES: Record<BenchChannel, number> = { whatsapp: 0.4, phone: 0.35, livechat: 0.25 }
/** Each channel's tickets go into this many files, so that several workers have work at once. */
const FILES_PER_CHANNEL = 4
const MEMORY_LIMIT = 200 * 2 ** 20

async function main(args: BenchArgs): Promise<void> {
  const config = loadConfig()
  const dir = args.dir ?? (await mkdtemp(path.join(tmpdir(), 'dering-bench-')))
  await mkdir(dir, { recursive: true })
  const databases = await createBenchDatabases(config.DATABASE_URL)
  const rows: BenchRow[] = []
  const print = (text: string) => process.stdout.write(`${text}\n`)
  print(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${formatMegabytes(totalmem())} RAM, ${await serverVersion(databases)}`,
  )
  try {
    if (!args.skipIngest) await benchIngest(args, dir, databases, config.REDIS_URL, rows, print)
    if (!args.skipRollup) await benchRollup(args, databases, rows, print)
    if (!args.skipMemory) await benchMemory(args, dir, databases, config.REDIS_URL, rows, print)
  } finally {
    await databases.dropAll()
    if (!args.dir) await rm(dir, { recursive: true, force: true })
  }
  print('')
  print(formatBenchTable(rows))
}

async function benchIngest(
  args: BenchArgs,
  dir: string,
  databases: BenchDatabases,
  redisUrl: string,
  rows: BenchRow[],
  print: (text: string) => void,
): Promise<void> {
  const counts = splitTickets(args.tickets)
  const started = performance.now()
  const exports = await writeExports(dir, counts, 0)
  const overlapping = await writeExports(dir, counts, 1)
  print(
    `generated ${args.tickets.toLocaleString('en-US')} tickets × 2 exports in ${seconds(started)} s`,
  )

  const copyDb = await databases.create('copy')
  const copySeconds = await copyBaseline(copyDb.url, counts, path.join(dir, 'normalized-rows.tsv'))
  await copyDb.db.destroy()
  const baseline = args.tickets / copySeconds
  rows.push({
    measure: 'COPY baseline (normalized rows)',
    rows: args.tickets,
    seconds: copySeconds,
    value: formatRate(args.tickets, copySeconds),
    ratio: 1,
  })
  print(`COPY baseline: ${formatRate(args.tickets, copySeconds)} rows/s`)

  for (const workers of args.workers) {
    const target = await databases.create(`ingest${workers}`)
    const [ingest, reingest] = await measureIngest(
      {
        databaseUrl: target.url,
        redisUrl,
        workers,
        env: args.workerEnv,
        nodeArgs: args.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${args.cpuProf}`] : [],
      },
      [exports, overlapping],
    )
    const stored = await countTickets(target)
    await target.db.destroy()
    const label = `${workers} worker${workers > 1 ? 's' : ''}`
    for (const [name, run, expected] of [
      ['ingest', ingest!, { inserted: args.tickets, updated: 0 }],
      ['re-ingest, 10% changed', reingest!, { inserted: 0, updated: countChanged(counts) }],
    ] as const) {
      const got = { inserted: sumResults(run, 'inserted'), updated: sumResults(run, 'updated') }
      if (
        got.inserted !== expected.inserted ||
        got.updated !== expected.updated ||
        stored !== args.tickets
      ) {
        throw new Error(
          `${name}, ${label}: expected ${JSON.stringify(expected)} and ${args.tickets} tickets, got ${JSON.stringify(got)} and ${stored}`,
        )
      }
      const ratio = run.records / run.seconds / baseline
      const cpu = cpuPerRecord(run)
      rows.push({
        measure: `${name}, ${label}`,
        rows: run.records,
        seconds: run.seconds,
        value: formatRate(run.records, run.seconds),
        ratio,
        ...cpu,
        target: '≥ 0.50',
        met: ratio >= 0.5,
      })
      print(
        `${name}, ${label}: ${formatRate(run.records, run.seconds)} rows/s (${ratio.toFixed(2)}× COPY), ${describeCpu(run)}`,
      )
    }
  }
  if (!args.skipFormats) {
    await benchFormats(
      { dir, databases, redisUrl, workerEnv: args.workerEnv, baseline, rows, print },
      counts,
    )
  }
}

async function benchRollup(
  args: BenchArgs,
  databases: BenchDatabases,
  rows: BenchRow[],
  print: (text: string) => void,
): Promise<void> {
  const target = await databases.create('rollup')
  try {
    const times = await measureRollup(target.db, args.rollupTickets)
    print(
      `generated ${args.rollupTickets.toLocaleString('en-US')} facts in SQL in ${times.generateSeconds.toFixed(1)} s`,
    )
    for (const [name, t] of [
      ['one month', times.oneMonth],
      ['all 12 months', times.allMonths],
    ] as const) {
      const ratio = t.rollup / t.groupBy
      rows.push({ measure: `bare GROUP BY, ${name}`, rows: args.rollupTickets, seconds: t.groupBy })
      rows.push({
        measure: `rollup, ${name}`,
        rows: args.rollupTickets,
        seconds: t.rollup,
        ratio,
        target: '≤ 1.50× GROUP BY',
        met: ratio <= 1.5,
      })
      print(
        `rollup ${name}: ${t.rollup.toFixed(2)} s, GROUP BY ${t.groupBy.toFixed(2)} s (${ratio.toFixed(2)}×)`,
      )
    }
  } finally {
    await target.db.destroy()
  }
}

async function benchMemory(
  args: BenchArgs,
  dir: string,
  databases: BenchDatabases,
  redisUrl: string,
  rows: BenchRow[],
  print: (text: string) => void,
): Promise<void> {
  for (const channel of args.memoryChannels) {
    const file = path.join(dir, `memory-${channel}.${FILE_EXTENSIONS[channel]}`)
    const records = await writeExportOfSize(file, channel, args.memoryBytes)
    const target = await databases.create(`memory_${channel}`)
    try {
      const [run] = await measureIngest(
        { databaseUrl: target.url, redisUrl, workers: 1, env: args.workerEnv },
        [[{ path: file, channel, records }]],
      )
      const peak = run!.peakRss[0]!
      const measure = `worker peak RSS, ${formatMegabytes(args.memoryBytes)} ${FILE_EXTENSIONS[channel].toUpperCase()}`
      rows.push({
        measure,
        rows: records,
        seconds: run!.seconds,
        value: formatMegabytes(peak),
        target: '< 200 MB',
        met: peak < MEMORY_LIMIT,
      })
      print(`${measure}: ${formatMegabytes(peak)} (${formatRate(records, run!.seconds)} rows/s)`)
    } finally {
      await target.db.destroy()
      await rm(file, { force: true })
    }
  }
}

function splitTickets(total: number): Record<BenchChannel, number> {
  const whatsapp = Math.round(total * SHARES.whatsapp)
  const phone = Math.round(total * SHARES.phone)
  return { whatsapp, phone, livechat: total - whatsapp - phone }
}

/** Every tenth ticket of each channel changes in the overlapping export. */
function countChanged(counts: Record<BenchChannel, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + Math.ceil(n / 10), 0)
}

async function writeExports(
  dir: string,
  counts: Record<BenchChannel, number>,
  revision: 0 | 1,
): Promise<BenchFile[]> {
  const files: BenchFile[] = []
  for (const channel of BENCH_CHANNELS) {
    const perFile = Math.ceil(counts[channel] / FILES_PER_CHANNEL)
    for (let first = 0, part = 1; first < counts[channel]; first += perFile, part += 1) {
      const count = Math.min(perFile, counts[channel] - first)
      const file = path.join(dir, `${channel}-r${revision}-${part}.${FILE_EXTENSIONS[channel]}`)
      await writeExport(file, { channel, first, count, revision })
      files.push({ path: file, channel, records: count })
    }
  }
  return files
}

async function countTickets(target: { db: Db }): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ticket`.execute(
    target.db,
  )
  return rows[0]?.n ?? 0
}

async function serverVersion(databases: BenchDatabases): Promise<string> {
  const probe = await databases.create('probe')
  const { rows } = await sql<{ v: string }>`select split_part(version(), ' on ', 1) as v`.execute(
    probe.db,
  )
  await probe.db.destroy()
  return rows[0]?.v ?? 'Postgres'
}

const seconds = (started: number) => ((performance.now() - started) / 1000).toFixed(1)

try {
  const args = parseBenchArgs(process.argv.slice(2))
  if (args === 'help') process.stdout.write(`${USAGE}\n`)
  else await main(args)
} catch (error) {
  process.stderr.write(`bench: ${coerceError(error).message}\n`)
  process.exitCode = 1
}
