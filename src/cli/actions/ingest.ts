import path from 'node:path'
import type { Channel } from '../../domain/channel.js'
import { listExportFiles } from '../../files/list-export-files.js'
import type { Services } from '../../services.js'
import { EXIT } from '../exit-codes.js'
import { enqueuePaths, waitWithProgress } from '../ingest-paths.js'
import { escapeControl } from '../../domain/escape-control.js'
import { formatReasons, formatTable } from '../output.js'
import { printJson, runWithServices } from '../run-command.js'
import type { FileOutcome } from '../wait-for-ingest.js'

export interface IngestOptions {
  channel?: Channel
  wait?: boolean
  json?: boolean
}

export function ingestAction(paths: string[], options: IngestOptions): Promise<void> {
  return runWithServices((services) => ingestCommand(services, paths, options))
}

async function ingestCommand(
  services: Services,
  paths: string[],
  options: IngestOptions,
): Promise<number> {
  const files = await listExportFiles(paths)
  if (files.length === 0) throw new Error(`no files found in ${paths.join(', ')}`)
  const enqueued = await enqueuePaths(services, files, { channelOf: () => options.channel })
  if (!options.wait) {
    if (options.json) printJson({ files: enqueued })
    else {
      console.log(
        formatTable(
          enqueued.map((f) => ({
            file: displayPath(f.path),
            channel: f.channel,
            state: f.state,
            job: f.jobId.slice(0, 24),
          })),
        ),
      )
    }
    return enqueued.some((f) => f.state === 'failed earlier') ? EXIT.failed : EXIT.ok
  }
  const outcomes = await waitWithProgress(services, enqueued, !options.json)
  if (options.json) printJson({ files: outcomes.map(toJson) })
  else printOutcomes(outcomes)
  return outcomes.some((o) => o.status === 'failed') ? EXIT.failed : EXIT.ok
}

function printOutcomes(outcomes: FileOutcome[]): void {
  const rows = outcomes.map((o) => {
    const base = { file: displayPath(o.file.path), channel: o.file.channel }
    if (o.status === 'failed') return { ...base, status: 'failed' }
    const r = o.result
    return {
      ...base,
      status: o.file.state === 'already ingested' ? 'already ingested' : 'ingested',
      read: r.read,
      inserted: r.inserted,
      updated: r.updated,
      unchanged: r.unchanged,
      skipped: r.skipped,
      rejected: r.rejected,
    }
  })
  console.log(
    formatTable(rows, [
      'file',
      'channel',
      'status',
      'read',
      'inserted',
      'updated',
      'unchanged',
      'skipped',
      'rejected',
    ]),
  )
  for (const o of outcomes) {
    if (o.status === 'failed') {
      console.log(
        `\nfailed: ${escapeControl(`${displayPath(o.file.path)}: ${o.error}`)}\n  fix the cause, then: dering replay ${o.file.jobId}`,
      )
    } else if (Object.keys(o.result.skippedByReason).length > 0) {
      console.log(
        `skipped in ${escapeControl(displayPath(o.file.path))}: ${formatReasons(o.result.skippedByReason)}`,
      )
    }
  }
}

function toJson(outcome: FileOutcome) {
  const { file } = outcome
  const base = {
    path: file.path,
    channel: file.channel,
    jobId: file.jobId,
    sha256: file.sha256,
    enqueue: file.state,
  }
  return outcome.status === 'ingested'
    ? { ...base, status: outcome.status, result: outcome.result }
    : { ...base, status: outcome.status, error: outcome.error }
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file)
  return relative.startsWith('..') ? file : relative
}
