export interface BenchRow {
  measure: string
  rows?: number
  seconds?: number
  /** rows/s, or bytes for a memory row. */
  value?: string
  ratio?: number
  /** CPU per record of the worker processes and of the database's Postgres backends, µs. */
  workerUs?: number
  postgresUs?: number
  target?: string
  met?: boolean
}

const HEADERS = [
  'measure',
  'rows',
  'seconds',
  'rows/s or peak',
  'ratio',
  'worker µs/rec',
  'Postgres µs/rec',
  'target',
  'met',
]

export const formatRate = (rows: number, seconds: number): string =>
  Math.round(rows / seconds).toLocaleString('en-US')
export const formatMegabytes = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`

/** CPU per record of an ingest run, µs. */
export const cpuPerRecord = (run: {
  records: number
  workerCpu: number
  postgresCpu: number
}): { workerUs: number; postgresUs: number } => ({
  workerUs: (run.workerCpu / run.records) * 1e6,
  postgresUs: (run.postgresCpu / run.records) * 1e6,
})

/**
 * An ingest run's CPU in words: per record for the worker and Postgres, and how many cores the
 * two kept busy on average (their CPU over the wall time): above 1, parsing and writing overlap.
 */
export function describeCpu(run: {
  records: number
  seconds: number
  workerCpu: number
  postgresCpu: number
}): string {
  const { workerUs, postgresUs } = cpuPerRecord(run)
  const cores = (run.workerCpu + run.postgresCpu) / run.seconds
  return `worker ${workerUs.toFixed(1)} µs/record, Postgres ${postgresUs.toFixed(1)} µs/record, ${cores.toFixed(2)} cores busy`
}

/** The bench table as Markdown, so it pastes into docs/benchmarks.md as it is. */
export function formatBenchTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((r) => [
    r.measure,
    r.rows?.toLocaleString('en-US') ?? '',
    r.seconds?.toFixed(2) ?? '',
    r.value ?? '',
    r.ratio?.toFixed(2) ?? '',
    r.workerUs?.toFixed(1) ?? '',
    r.postgresUs?.toFixed(1) ?? '',
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ])
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`
  return [line(HEADERS), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')
}
