import type { Channel } from '../../domain/channel.js'
import { escapeControl } from '../../domain/escape-control.js'
import { listExportFiles } from '../../files/list-export-files.js'
import type { EnqueuedFile } from '../../jobs/enqueue-file.js'
import type { Services } from '../../services.js'
import { EXIT } from '../../process/exit-codes.js'
import { enqueuePaths, type SkippedFile } from '../ingest-paths.js'
import { describeEarlier, displayPath, outcomeJson, printOutcomes } from '../ingest-outcomes.js'
import { formatTable } from '../output.js'
import { printJson, runWithServices } from '../run-command.js'
import { waitWithProgress, WaitStopped } from '../wait-with-progress.js'

export interface IngestOptions {
  channel?: Channel
  wait?: boolean
  force?: boolean
  /** Milliseconds, from `--timeout 30m`. */
  timeout?: number
  json?: boolean
}

/** Exit code of a wait stopped by Ctrl-C, as shells report a SIGINT. */
const EXIT_INTERRUPTED = 130

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
  const { enqueued, skipped } = await enqueuePaths(services, files, {
    channelOf: () => options.channel,
    force: options.force,
  })
  const skippedCode = skipped.length > 0 ? EXIT.failed : EXIT.ok
  if (!options.wait) {
    if (options.json) printJson({ files: enqueued.map(enqueuedJson), skipped })
    else printEnqueued(enqueued, skipped)
    return enqueued.some((f) => f.state === 'failed earlier') ? EXIT.failed : skippedCode
  }
  if (!options.json) printSkipped(skipped)
  try {
    const outcomes = await waitWithProgress(services, enqueued, {
      showProgress: !options.json,
      timeoutMs: options.timeout,
    })
    if (options.json) printJson({ files: outcomes.map(outcomeJson), skipped })
    else printOutcomes(outcomes)
    return outcomes.some((o) => o.status === 'failed') ? EXIT.failed : skippedCode
  } catch (thrown) {
    if (!(thrown instanceof WaitStopped)) throw thrown
    printStopped(thrown, options.json)
    return thrown.why === 'interrupted' ? EXIT_INTERRUPTED : EXIT.failed
  }
}

function printEnqueued(enqueued: readonly EnqueuedFile[], skipped: readonly SkippedFile[]): void {
  if (enqueued.length > 0) {
    const rows = enqueued.map((f) => ({
      file: displayPath(f.path),
      channel: f.channel,
      state: f.earlier ? `already ingested as import ${f.earlier.importId}` : f.state,
      job: f.jobId,
    }))
    console.log(formatTable(rows, undefined, { shrink: { file: 'middle', state: 'wrap' } }))
  }
  for (const f of enqueued) {
    if (f.earlier) console.log(describeEarlier(f))
    if (f.state === 'failed earlier') {
      console.log(
        `${escapeControl(displayPath(f.path))}: its job failed earlier: see dering failed, then dering replay ${f.jobId}`,
      )
    }
  }
  printSkipped(skipped)
}

function printSkipped(skipped: readonly SkippedFile[]): void {
  if (skipped.length === 0) return
  console.error(`\nskipped ${skipped.length} file(s):`)
  for (const s of skipped) {
    console.error(`  ${escapeControl(`${displayPath(s.path)}: ${s.reason}`)}`)
  }
}

function printStopped(stopped: WaitStopped, json?: boolean): void {
  const ids = [...new Set(stopped.pending.map((f) => f.jobId))]
  if (json) {
    printJson({ stopped: stopped.why, pending: ids })
    return
  }
  const why = stopped.why === 'interrupted' ? 'interrupted' : 'timed out'
  process.stderr.write(
    `dering: ${why}; the jobs go on without waiting. Still queued or running:\n` +
      ids.map((id) => `  ${id}\n`).join('') +
      'follow them with: dering status (and dering failed for any that fail)\n',
  )
}

function enqueuedJson(file: EnqueuedFile) {
  const { earlier, ...rest } = file
  return earlier
    ? {
        ...rest,
        importId: earlier.importId,
        ingestedAt: earlier.finishedAt?.toISOString() ?? null,
      }
    : rest
}
