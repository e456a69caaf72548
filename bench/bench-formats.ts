import path from 'node:path'
import type { BenchDatabases } from './bench-database.js'
import type { BenchChannel } from './bench-ticket.js'
import { FILE_EXTENSIONS } from './format-records.js'
import { measureIngest, sumResults, type IngestRun } from './measure-ingest.js'
import { copyRawCsv, hasPgloader, pgloaderCsv } from './peer-loaders.js'
import { cpuPerRecord, describeCpu, formatRate, type BenchRow } from './print-table.js'
import { writeDeskproPage, writeSociomileXlsx } from './write-other-formats.js'
import { writeExport } from './write-export.js'

/**
 * The formats measured alone: each bench channel's line format, and the two the issue sets a
 * looser target for. An XLSX sheet is read whole by the workbook reader and its uncompressed
 * sheet must stay under XLSX_MAX_ENTRY_BYTES (256 MB), so it holds at most 100,000 rows.
 */
interface BenchFormat {
  name: string
  /** What `npm run bench:job -- --format` calls it: its file extension. */
  key: string
  channel: BenchChannel
  extension: string
  records: (counts: Readonly<Record<BenchChannel, number>>) => number
  write: (file: string, records: number) => Promise<void>
}

const MAX_XLSX_ROWS = 100_000

const lineFormat = (channel: BenchChannel, name: string): BenchFormat => ({
  name,
  key: FILE_EXTENSIONS[channel],
  channel,
  extension: FILE_EXTENSIONS[channel],
  records: (counts) => counts[channel],
  write: (file, count) => writeExport(file, { channel, first: 0, count, revision: 0 }),
})

export const BENCH_FORMATS: readonly BenchFormat[] = [
  lineFormat('whatsapp', 'Sociomile CSV'),
  lineFormat('phone', 'Avaya CDR'),
  lineFormat('livechat', 'Deskpro NDJSON'),
  {
    name: 'Sociomile XLSX',
    key: 'xlsx',
    channel: 'whatsapp',
    extension: 'xlsx',
    records: (counts) => Math.min(counts.whatsapp, MAX_XLSX_ROWS),
    write: writeSociomileXlsx,
  },
  {
    name: 'Deskpro JSON page',
    key: 'json',
    channel: 'livechat',
    extension: 'json',
    records: (counts) => counts.livechat,
    write: writeDeskproPage,
  },
]

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
  let sociomile: { file: string; rate: number } | undefined
  for (const format of BENCH_FORMATS) {
    const records = format.records(counts)
    const slug = format.name.toLowerCase().replace(/\W+/g, '_')
    const file = path.join(bench.dir, `${slug}-whole.${format.extension}`)
    await format.write(file, records)
    const target = await bench.databases.create(`format_${slug}`)
    let run: IngestRun
    try {
      ;[run] = (await measureIngest(
        { databaseUrl: target.url, redisUrl: bench.redisUrl, workers: 1, env: bench.workerEnv },
        [[{ path: file, channel: format.channel, records }]],
      )) as [IngestRun]
    } finally {
      await target.db.destroy()
    }
    const inserted = sumResults(run, 'inserted')
    if (inserted !== records) {
      throw new Error(`${format.name} alone: expected ${records} inserted, got ${inserted}`)
    }
    const rate = run.records / run.seconds
    sociomile ??= { file, rate } // the first format, the Sociomile CSV, for the peers
    const measure = `ingest, ${format.name} alone, 1 worker`
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
  if (!sociomile) return
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
