import path from 'node:path'
import type { BenchDatabases } from './bench-database.js'
import { BENCH_CHANNELS, type BenchChannel } from './bench-ticket.js'
import { FILE_EXTENSIONS } from './format-records.js'
import { measureIngest, sumResults, type IngestRun } from './measure-ingest.js'
import { copyRawCsv, hasPgloader, pgloaderCsv } from './peer-loaders.js'
import { cpuPerRecord, describeCpu, formatRate, type BenchRow } from './print-table.js'
import { writeExport } from './write-export.js'

const FORMAT_NAMES: Record<BenchChannel, string> = {
  whatsapp: 'Sociomile CSV',
  phone: 'Avaya CDR',
  livechat: 'Deskpro NDJSON',
}
/** dering against pgloader on the same Sociomile file, in the same run. */
const PGLOADER_TARGET = 2.5

export interface FormatBench {
  dir: string
  databases: BenchDatabases
  redisUrl: string
  workerEnv: Record<string, string>
  /** rows/s of the COPY baseline, for the ratios. */
  baseline: number
  rows: BenchRow[]
  print: (text: string) => void
}

/**
 * Each format alone: all of the channel's tickets in one file, one job on one worker, so that the
 * worker's and Postgres's CPU per record belong to that format. Then the same Sociomile file
 * loaded by a plain COPY of the CSV and by pgloader (when installed), as a user might instead.
 */
export async function benchFormats(
  bench: FormatBench,
  counts: Readonly<Record<BenchChannel, number>>,
): Promise<void> {
  const whole = new Map<BenchChannel, { file: string; rate: number }>()
  for (const channel of BENCH_CHANNELS) {
    const file = path.join(bench.dir, `${channel}-whole.${FILE_EXTENSIONS[channel]}`)
    await writeExport(file, { channel, first: 0, count: counts[channel], revision: 0 })
    const target = await bench.databases.create(`format_${channel}`)
    let run: IngestRun
    try {
      ;[run] = (await measureIngest(
        { databaseUrl: target.url, redisUrl: bench.redisUrl, workers: 1, env: bench.workerEnv },
        [[{ path: file, channel, records: counts[channel] }]],
      )) as [IngestRun]
    } finally {
      await target.db.destroy()
    }
    const inserted = sumResults(run, 'inserted')
    if (inserted !== counts[channel]) {
      throw new Error(`${channel} alone: expected ${counts[channel]} inserted, got ${inserted}`)
    }
    const rate = run.records / run.seconds
    whole.set(channel, { file, rate })
    const measure = `ingest, ${FORMAT_NAMES[channel]} alone, 1 worker`
    bench.rows.push({
      measure,
      rows: run.records,
      seconds: run.seconds,
      value: formatRate(run.records, run.seconds),
      ratio: rate / bench.baseline,
      ...cpuPerRecord(run),
    })
    bench.print(`${measure}: ${formatRate(run.records, run.seconds)} rows/s, ${describeCpu(run)}`)
  }
  const sociomile = whole.get('whatsapp')!
  await benchPeer(
    bench,
    'COPY of the raw CSV into a text table',
    sociomile,
    counts.whatsapp,
    copyRawCsv,
  )
  if (hasPgloader()) {
    await benchPeer(bench, 'pgloader', sociomile, counts.whatsapp, pgloaderCsv, PGLOADER_TARGET)
  } else bench.print('pgloader: not installed, no peer row (apt-get install pgloader)')
}

/** A peer's row: its rate and dering's rate on the same file divided by it. */
async function benchPeer(
  bench: FormatBench,
  name: string,
  sociomile: { file: string; rate: number },
  records: number,
  load: (url: string, file: string, rows: number) => Promise<number>,
  target?: number,
): Promise<void> {
  const database = await bench.databases.create(`peer_${name.split(' ')[0]!.toLowerCase()}`)
  let seconds: number
  try {
    seconds = await load(database.url, sociomile.file, records)
  } finally {
    await database.db.destroy()
  }
  const ratio = sociomile.rate / (records / seconds)
  const measure = `${name}, same Sociomile CSV (dering ÷ it)`
  bench.rows.push({
    measure,
    rows: records,
    seconds,
    value: formatRate(records, seconds),
    ratio,
    ...(target === undefined ? {} : { target: `≥ ${target.toFixed(2)}`, met: ratio >= target }),
  })
  bench.print(`${measure}: ${formatRate(records, seconds)} rows/s, dering ${ratio.toFixed(2)}×`)
}
