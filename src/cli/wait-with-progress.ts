import { promises as fs } from 'node:fs'
import { SingleBar, Presets } from 'cli-progress'
import type { EnqueuedFile } from '../jobs/enqueue-file.js'
import type { Services } from '../services.js'
import { waitForIngest, WaitStopped, type FileOutcome } from './wait-for-ingest.js'
import { watchWorkers } from './watch-workers.js'

export interface WaitOptions {
  /** Show a progress bar on stderr (only on a terminal). */
  showProgress: boolean
  /** Stop waiting after this long (the jobs go on). */
  timeoutMs?: number
}

/** An estimate needs this much of the work done and this much time spent. */
const ETA_MIN_FRACTION = 0.05
const ETA_MIN_MS = 5_000

/**
 * Waits for the files' jobs with a progress bar, warning when no worker consumes the queue.
 * Ctrl-C (and the timeout) stop the wait, not the jobs: the bar is stopped, so the terminal
 * gets its cursor and line wrapping back, and WaitStopped names the unfinished jobs.
 */
export async function waitWithProgress(
  services: Services,
  files: readonly EnqueuedFile[],
  options: WaitOptions,
): Promise<FileOutcome[]> {
  const sizes = new Map<string, number>()
  for (const file of files) sizes.set(file.path, await sizeOf(file.path))
  const totalBytes = [...sizes.values()].reduce((sum, n) => sum + n, 0)
  const bar =
    options.showProgress && process.stderr.isTTY
      ? new SingleBar(
          {
            format: 'ingesting [{bar}] {percentage}% | {files}/{total_files} files | {estimate}',
            stream: process.stderr,
          },
          Presets.shades_classic,
        )
      : null
  const started = Date.now()
  bar?.start(Math.max(totalBytes, 1), 0, {
    files: 0,
    total_files: files.length,
    estimate: 'estimating…',
  })
  // A line above the bar: clear the bar's line, print, and let the bar redraw below.
  const say = (line: string) => process.stderr.write(bar ? `\r\x1b[K${line}\n` : `${line}\n`)
  let interrupted = false
  const onInterrupt = () => {
    interrupted = true
  }
  process.on('SIGINT', onInterrupt)
  const stopWatching = watchWorkers(services, say)
  const stop = (): WaitStopped['why'] | null => {
    if (interrupted) return 'interrupted'
    if (options.timeoutMs !== undefined && Date.now() - started >= options.timeoutMs) {
      return 'timeout'
    }
    return null
  }
  try {
    return await waitForIngest(
      services,
      files,
      sizes,
      ({ filesDone, bytesDone }) => {
        const done = Math.min(bytesDone, totalBytes)
        bar?.update(done, { files: filesDone, estimate: estimate(started, done, totalBytes) })
      },
      stop,
    )
  } finally {
    stopWatching()
    process.off('SIGINT', onInterrupt)
    bar?.stop()
  }
}

/** `about 2m10s left` once enough is done to say, else `estimating…`. */
export function estimate(started: number, done: number, total: number, now = Date.now()): string {
  const elapsed = now - started
  const fraction = total > 0 ? done / total : 0
  if (fraction >= 1) return 'done'
  if (fraction < ETA_MIN_FRACTION || elapsed < ETA_MIN_MS) return 'estimating…'
  const seconds = Math.round((elapsed * (1 - fraction)) / fraction / 1000)
  const minutes = Math.floor(seconds / 60)
  return `about ${minutes > 0 ? `${minutes}m` : ''}${seconds % 60}s left`
}

async function sizeOf(file: string): Promise<number> {
  return (await fs.stat(file).catch(() => null))?.size ?? 0
}

export { WaitStopped }
