import { countsOf, findLatestImportOfJob } from '../db/imports.js'
import type { ImportCounts } from '../domain/import-counts.js'
import type { IngestProgress } from '../jobs/ingest-file.js'
import type { EnqueuedFile } from '../jobs/enqueue-file.js'
import type { IngestResult } from '../queue/catalog.js'
import type { Services } from '../services.js'

/** What a failed file's import loaded before it stopped. */
type FailedImportResult = ImportCounts & { importId: number }

export type FileOutcome =
  | { file: EnqueuedFile; status: 'ingested'; result: IngestResult }
  | {
      file: EnqueuedFile
      status: 'failed'
      error: string
      /** The file itself was refused (no retries): replaying the same bytes cannot help. */
      fileRefused?: boolean
      /** The counts of the file's import, when it got as far as opening one. */
      result?: FailedImportResult
    }

export interface WaitProgress {
  filesDone: number
  bytesDone: number
  /** Job ids still waiting or running. */
  pending: string[]
}

/** Waiting stopped before every job finished (Ctrl-C or --timeout); the jobs go on. */
export class WaitStopped extends Error {
  override name = 'WaitStopped'
  constructor(
    readonly why: 'interrupted' | 'timeout',
    readonly pending: readonly EnqueuedFile[],
  ) {
    super(`stopped waiting (${why}) with ${pending.length} job(s) unfinished`)
  }
}

const POLL_MS = 300

/**
 * Polls each file's job until it completes or fails for good (retries exhausted). A file this
 * database already holds (`already ingested`) is done at once, with its earlier import's counts.
 * A failed file comes with the counts of its import (what it loaded before it stopped).
 * `stop` ends the wait early: it then throws WaitStopped with the files still unfinished.
 */
export async function waitForIngest(
  services: Pick<Services, 'db' | 'queues'>,
  files: readonly EnqueuedFile[],
  sizes: ReadonlyMap<string, number>,
  onProgress: (progress: WaitProgress) => void = () => undefined,
  stop: () => WaitStopped['why'] | null = () => null,
): Promise<FileOutcome[]> {
  const { queues } = services
  const outcomes = new Map<string, FileOutcome>()
  const bytesOf = new Map<string, number>()
  for (;;) {
    for (const file of files) {
      if (outcomes.has(file.jobId)) continue
      if (file.earlier) {
        outcomes.set(file.jobId, { file, status: 'ingested', result: file.earlier.result })
        bytesOf.set(file.jobId, sizes.get(file.path) ?? 0)
        continue
      }
      // State first, then the job: a job read before its state could be a snapshot taken just
      // before it finished, without its return value.
      const state = await queues.ingest.getJobState(file.jobId)
      const job = await queues.ingest.getJob(file.jobId)
      if (state === 'unknown' || !job) {
        outcomes.set(file.jobId, {
          file,
          status: 'failed',
          error: 'the job disappeared from the queue (removed, or expired after failing)',
          ...(await failedImportResult(services, file)),
        })
        continue
      }
      if (state === 'completed') {
        outcomes.set(file.jobId, { file, status: 'ingested', result: job.returnvalue })
        bytesOf.set(file.jobId, sizes.get(file.path) ?? 0)
      } else if (state === 'failed') {
        outcomes.set(file.jobId, {
          file,
          status: 'failed',
          error: job.failedReason || 'failed',
          fileRefused: job.attemptsMade < (job.opts.attempts ?? 1),
          ...(await failedImportResult(services, file)),
        })
      } else {
        bytesOf.set(file.jobId, (job.progress as Partial<IngestProgress> | undefined)?.bytes ?? 0)
      }
    }
    const bytesDone = [...bytesOf.values()].reduce((sum, n) => sum + n, 0)
    const unfinished = files.filter((f) => !outcomes.has(f.jobId))
    onProgress({
      filesDone: outcomes.size,
      bytesDone,
      pending: [...new Set(unfinished.map((f) => f.jobId))],
    })
    if (unfinished.length === 0) break
    const why = stop()
    if (why) throw new WaitStopped(why, unfinished)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
  return files.map((file) => outcomes.get(file.jobId)!)
}

async function failedImportResult(
  services: Pick<Services, 'db'>,
  file: EnqueuedFile,
): Promise<{ result?: FailedImportResult }> {
  const row = await findLatestImportOfJob(services.db, file)
  return row ? { result: { importId: row.id, ...countsOf(row) } } : {}
}
