// One ingest job of one bench export, run in this process against fresh databases: the job
// thread's CPU per record with no queue, no worker process and none of the bench's other rows.
// Steadier than the bench's rows (1–3 µs between runs on a quiet machine, rather than 10–25%):
// the way to compare two builds, pinned to one core, their jobs alternating in one process:
//   taskset -c 0 npm run bench:job -- --format csv --runs 6 --against ../other-checkout
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
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
  --against DIR another checkout, built (npm run build there): its jobs alternate with this
                checkout's, in this process, and each build is summed up on its own
Prints the CPU of this process per record for each job: the job's thread and V8's helpers, as
process.cpuUsage() gives it. Postgres and Redis come from DATABASE_URL and REDIS_URL.`

const { values } = parseArgs({
  options: {
    format: { type: 'string', default: 'csv' },
    records: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '4' },
    against: { type: 'string' },
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
      : values.against !== undefined && !existsSync(path.join(values.against, 'bin/build-stamp.js'))
        ? `--against ${values.against}: not a dering checkout`
        : null
if (problem || !format) {
  process.stderr.write(`bench:job: ${problem}\n${USAGE}\n`)
  process.exit(2)
}

interface Build {
  label: string
  loadConfig: typeof Config.loadConfig
  createServices: typeof Services.createServices
  ingestFile: typeof IngestFile.ingestFile
  captureFile: typeof CaptureFile.captureFile
}

/** A checkout's compiled build when it is current, as a worker runs it; else its sources, through tsx. */
async function loadBuild(root: string, label: string): Promise<Build> {
  const url = (relative: string) => pathToFileURL(path.join(root, relative)).href
  const { isBuildCurrent } = (await import(url('bin/build-stamp.js'))) as {
    isBuildCurrent: () => boolean
  }
  const built = isBuildCurrent()
  if (!built) {
    process.stderr.write(`bench:job: ${label}: dist/ is not current (npm run build): timing tsx\n`)
  }
  const code = url(built ? 'dist/src' : 'src')
  return {
    label,
    loadConfig: ((await import(`${code}/config.js`)) as typeof Config).loadConfig,
    createServices: ((await import(`${code}/services.js`)) as typeof Services).createServices,
    ingestFile: ((await import(`${code}/jobs/ingest-file.js`)) as typeof IngestFile).ingestFile,
    captureFile: ((await import(`${code}/spool/capture-file.js`)) as typeof CaptureFile)
      .captureFile,
  }
}

const here = fileURLToPath(new URL('..', import.meta.url))
const builds = [await loadBuild(here, 'this checkout')]
if (values.against !== undefined) {
  builds.push(await loadBuild(path.resolve(values.against), values.against))
}
const { captureFile } = builds[0]!

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
  const perRecord = new Map<Build, number[]>(builds.map((build) => [build, []]))
  const named = (build: Build) => (builds.length > 1 ? `${build.label}: ` : '')
  for (let run = 1; run <= runs; run += 1) {
    // Each build goes first in every other run: neither is always the one on a warmer machine.
    const order = run % 2 === 1 ? builds : [...builds].reverse()
    for (const build of order) {
      const micros = await timeJob(build, `job_${run}_${builds.indexOf(build)}`)
      perRecord.get(build)!.push(micros.perRecord)
      process.stdout.write(
        `${named(build)}${format.name}, run ${run}: ${micros.perRecord.toFixed(1)} µs/record CPU, ${micros.seconds.toFixed(2)} s\n`,
      )
    }
  }
  for (const build of builds) {
    const sorted = [...perRecord.get(build)!].sort((a, b) => a - b)
    const median = sorted[Math.floor((sorted.length - 1) / 2)]!
    process.stdout.write(
      `${named(build)}${format.name}, ${count} records: lowest ${sorted[0]!.toFixed(1)}, median ${median.toFixed(1)} µs/record\n`,
    )
  }

  /** One job of the export on a fresh database: its CPU per record and its time. */
  async function timeJob(build: Build, database: string) {
    const { url, db } = await databases.create(database)
    await db.destroy()
    const config = build.loadConfig(process.env, {
      DATABASE_URL: url,
      SPOOL_DIR: spool,
      QUEUE_PREFIX: prefix,
      CUSTOMER_KEY_SECRET: BENCH_CUSTOMER_KEY_SECRET,
      LOG_LEVEL: 'warn',
    })
    const services = build.createServices(config)
    try {
      const started = performance.now()
      const before = process.cpuUsage()
      const result = await build.ingestFile(
        services,
        { channel: format!.channel, sha256, name: file },
        { id: database, updateProgress: () => Promise.resolve() },
      )
      const cpu = process.cpuUsage(before)
      const seconds = (performance.now() - started) / 1000
      if (result.inserted !== count) {
        throw new Error(`${build.label}: expected ${count} inserted, got ${result.inserted}`)
      }
      return { perRecord: (cpu.user + cpu.system) / count, seconds }
    } finally {
      await services.close()
    }
  }
} finally {
  await databases.dropAll()
  await clearPrefix(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix)
  await rm(dir, { recursive: true, force: true })
}
