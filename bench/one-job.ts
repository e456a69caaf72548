// One ingest job of one bench export, run in this process against fresh databases: the job
// thread's CPU per record with no queue, no worker process and none of the bench's other rows.
// Steadier than the bench's rows (1–3 µs between runs rather than 10–25%), so that two builds
// can be compared by running it in each checkout in turn, pinned to one core:
//   taskset -c 0 npm run bench:job -- --format csv --runs 4
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { isBuildCurrent } from '../bin/build-stamp.js'
import type * as Config from '../src/config.js'
import type * as IngestFile from '../src/jobs/ingest-file.js'
import type * as Services from '../src/services.js'
import type * as CaptureFile from '../src/spool/capture-file.js'
import { createBenchDatabases } from './bench-database.js'
import { BENCH_FORMATS } from './bench-formats.js'
import { BENCH_CUSTOMER_KEY_SECRET, clearPrefix } from './measure-ingest.js'

const USAGE = `usage: npm run bench:job -- [options]
  --format F    ${BENCH_FORMATS.map((format) => format.key).join(', ')} (csv)
  --records N   records in the export (100000; an XLSX sheet holds at most 100000)
  --runs N      jobs to run, each on a fresh database (4)
Prints the CPU of this process per record for each job: the job's thread and V8's helpers, as
process.cpuUsage() gives it. Postgres and Redis come from DATABASE_URL and REDIS_URL.`

const { values } = parseArgs({
  options: {
    format: { type: 'string', default: 'csv' },
    records: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '4' },
    help: { type: 'boolean', default: false },
  },
})
const format = BENCH_FORMATS.find((candidate) => candidate.key === values.format)
const records = Number(values.records)
const runs = Number(values.runs)
if (values.help) {
  process.stdout.write(`${USAGE}\n`)
  process.exit(0)
}
const problem = !format
  ? `unknown --format "${values.format}"`
  : !(records >= 1)
    ? '--records needs a positive number'
    : !(runs >= 1)
      ? '--runs needs a positive number'
      : null
if (problem || !format) {
  process.stderr.write(`bench:job: ${problem}\n${USAGE}\n`)
  process.exit(2)
}

// The compiled build when it is current, as a worker runs it; else the sources, through tsx.
const built = isBuildCurrent()
if (!built) process.stderr.write('bench:job: dist/ is not current (npm run build): timing tsx\n')
const code = built ? '../dist/src' : '../src'
const { loadConfig } = (await import(`${code}/config.js`)) as typeof Config
const { createServices } = (await import(`${code}/services.js`)) as typeof Services
const { ingestFile } = (await import(`${code}/jobs/ingest-file.js`)) as typeof IngestFile
const { captureFile } = (await import(`${code}/spool/capture-file.js`)) as typeof CaptureFile

const dir = await mkdtemp(path.join(tmpdir(), 'dering-bench-job-'))
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const databases = await createBenchDatabases(databaseUrl)
const prefix = `bench-job-${randomBytes(4).toString('hex')}`
try {
  const count = format.records({ whatsapp: records, phone: records, livechat: records })
  const file = path.join(dir, `export.${format.extension}`)
  await format.write(file, count)
  const spool = path.join(dir, 'spool')
  const { sha256 } = await captureFile(spool, file)
  const perRecord: number[] = []
  for (let run = 1; run <= runs; run += 1) {
    const { url, db } = await databases.create(`job_${run}`)
    await db.destroy()
    const config = loadConfig(process.env, {
      DATABASE_URL: url,
      SPOOL_DIR: spool,
      QUEUE_PREFIX: prefix,
      CUSTOMER_KEY_SECRET: BENCH_CUSTOMER_KEY_SECRET,
      LOG_LEVEL: 'warn',
    })
    const services = createServices(config)
    try {
      const started = performance.now()
      const before = process.cpuUsage()
      const result = await ingestFile(
        services,
        { channel: format.channel, sha256, name: file },
        { id: `job-${run}`, updateProgress: () => Promise.resolve() },
      )
      const cpu = process.cpuUsage(before)
      const seconds = (performance.now() - started) / 1000
      if (result.inserted !== count) {
        throw new Error(`expected ${count} inserted, got ${result.inserted}`)
      }
      const micros = (cpu.user + cpu.system) / count
      perRecord.push(micros)
      process.stdout.write(
        `${format.name}, run ${run}: ${micros.toFixed(1)} µs/record CPU, ${seconds.toFixed(2)} s\n`,
      )
    } finally {
      await services.close()
    }
  }
  const sorted = [...perRecord].sort((a, b) => a - b)
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!
  process.stdout.write(
    `${format.name}, ${count} records: lowest ${sorted[0]!.toFixed(1)}, median ${median.toFixed(1)} µs/record\n`,
  )
} finally {
  await databases.dropAll()
  await clearPrefix(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix)
  await rm(dir, { recursive: true, force: true })
}
