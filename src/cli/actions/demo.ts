import { escapeControl } from '../../domain/escape-control.js'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ensureDatabase, migrateToLatest } from '../../db/migrator.js'
import { coerceError } from '../../errors.js'
import { channelFromFolder } from '../../files/channel-folder.js'
import { listExportFiles } from '../../files/list-export-files.js'
import { startWorker } from '../../jobs/workers.js'
import { rollupAndWait } from '../../jobs/wait-for-rollup.js'
import { formatReport } from '../../report/format-report.js'
import { loadReport } from '../../report/load-report.js'
import { generateSample } from '../../sample/generate-sample.js'
import type { Services } from '../../services.js'
import { EXIT } from '../../process/exit-codes.js'
import { ingestPaths } from '../ingest-paths.js'
import { runWithServices } from '../run-command.js'

export interface DemoOptions {
  dir: string
  seed: number
}

export function demoAction(options: DemoOptions): Promise<void> {
  // Per-file log lines would bury the demo's own progress: warnings only, unless LOG_LEVEL says otherwise.
  return runWithServices(
    (services) => demo(services, options),
    process.env.LOG_LEVEL ? {} : { LOG_LEVEL: 'warn' },
    true,
  )
}

async function demo(services: Services, options: DemoOptions): Promise<number> {
  const started = Date.now()
  const step = (text: string) =>
    process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${text}\n`)

  await ensureDatabase(services.config.DATABASE_URL)
  const { error } = await migrateToLatest(services.db)
  if (error) throw coerceError(error)
  step('database migrated')

  const exportsDir = path.resolve(options.dir, 'exports')
  await mkdir(exportsDir, { recursive: true })
  await generateSample({ outDir: exportsDir, seed: options.seed, replace: true })
  const files = await listExportFiles([exportsDir])
  step(`wrote ${files.length} sample export files to ${exportsDir}`)

  const workers = [
    await startWorker(services, 'ingest', services.config.WORKER_CONCURRENCY),
    await startWorker(services, 'rollup', 1),
  ]
  let incomplete = false
  try {
    const outcomes = await ingestPaths(services, files, {
      showProgress: true,
      channelOf: channelFromFolder(exportsDir),
    })
    const failed = outcomes.filter((o) => o.status === 'failed')
    incomplete = failed.length > 0
    const totals = outcomes.reduce(
      (sum, o) =>
        o.status === 'ingested'
          ? {
              read: sum.read + o.result.read,
              rejected: sum.rejected + o.result.rejected,
              skipped: sum.skipped + o.result.skipped,
            }
          : sum,
      { read: 0, rejected: 0, skipped: 0 },
    )
    step(
      `ingested ${outcomes.length - failed.length}/${files.length} files (${outcomes.filter((o) => o.file.earlier).length} already in this database): ${totals.read} records, ${totals.skipped} skipped, ${totals.rejected} quarantined`,
    )
    for (const f of failed) {
      process.stderr.write(
        `  failed: ${escapeControl(`${f.file.path}: ${f.status === 'failed' ? f.error : ''}`)}\n`,
      )
    }

    const months = await rollupAndWait(services.queues, { all: true }, `rollup-demo-${Date.now()}`)
    step(`rolled up ${months.length} months`)
  } finally {
    await Promise.all(workers.map((w) => w.close()))
  }

  const report = await loadReport(services.db, { year: 2021 })
  process.stdout.write(formatReport(report, 'table'))
  const htmlPath = path.resolve(options.dir, 'report-2021.html')
  await writeFile(htmlPath, formatReport(report, 'html'))
  step(`done; the report as a page: ${htmlPath}`)
  return incomplete ? EXIT.failed : EXIT.ok
}
