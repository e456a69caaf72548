import { createReadStream } from 'node:fs'
import { detectChannel } from '../adapters/detect-channel.js'
import type { Channel } from '../domain/channel.js'
import { UnreadableFileError, coerceError } from '../errors.js'
import { enqueueFile, type EnqueuedFile } from '../jobs/enqueue-file.js'
import { releaseSpoolEntry } from '../jobs/spool-retention.js'
import { adapterOptionsOf, type Services } from '../services.js'
import { captureFile } from '../spool/capture-file.js'
import { spoolEntryPath } from '../spool/spool-entry.js'
import type { FileOutcome } from './wait-for-ingest.js'
import { waitWithProgress } from './wait-with-progress.js'

export interface EnqueueOptions {
  /** The channel of a file when known (a flag, a folder name); otherwise it is detected. */
  channelOf?: (file: string) => Channel | undefined
  /** Load files again even when this database already holds them. */
  force?: boolean
}

/** A file that was not queued, and why. */
export interface SkippedFile {
  path: string
  reason: string
}

export interface EnqueueSummary {
  enqueued: EnqueuedFile[]
  skipped: SkippedFile[]
}

/**
 * Captures each file into the spool and queues its job; the channel is detected from the
 * spooled copy, so what is detected is what the worker reads. A file whose channel cannot be
 * told, or that cannot be captured (a symlink, a FIFO, a hard link, unreadable), is skipped.
 */
export async function enqueuePaths(
  services: Services,
  files: readonly string[],
  options: EnqueueOptions = {},
): Promise<EnqueueSummary> {
  const summary: EnqueueSummary = { enqueued: [], skipped: [] }
  const detectOptions = adapterOptionsOf(services.config)
  for (const file of files) {
    try {
      const { sha256 } = await captureFile(services.config.SPOOL_DIR, file)
      const spooled = spoolEntryPath(services.config.SPOOL_DIR, sha256)
      const channel =
        options.channelOf?.(file) ??
        (await detectOrExplain(file, () => createReadStream(spooled), detectOptions))
      if (typeof channel !== 'string') {
        await releaseSpoolEntry(services, sha256)
        summary.skipped.push({ path: file, reason: channel.reason })
        continue
      }
      const payload = { channel, sha256, name: file }
      summary.enqueued.push(
        await enqueueFile(services, options.force ? { ...payload, force: true } : payload),
      )
    } catch (thrown) {
      const error = coerceError(thrown)
      if (error instanceof UnreadableFileError) {
        summary.skipped.push({ path: file, reason: reasonOf(error, file) })
      } else if (isFileError(error)) {
        summary.skipped.push({ path: file, reason: `cannot read it (${error.message})` })
      } else throw error
    }
  }
  return summary
}

/**
 * Queues files whose channel the caller knows and waits for every job to finish, with an
 * optional progress bar. A file that cannot be queued fails the whole call, naming it.
 */
export async function ingestPaths(
  services: Services,
  files: readonly string[],
  options: EnqueueOptions & { showProgress?: boolean } = {},
): Promise<FileOutcome[]> {
  const { enqueued, skipped } = await enqueuePaths(services, files, options)
  if (skipped.length > 0) {
    throw new Error(skipped.map((s) => `${s.path}: ${s.reason}`).join('; '))
  }
  return waitWithProgress(services, enqueued, { showProgress: options.showProgress ?? false })
}

/** The capture's reason without the path it starts with (the path is shown beside it). */
function reasonOf(error: UnreadableFileError, file: string): string {
  return error.file === file ? error.reason : error.message
}

async function detectOrExplain(
  file: string,
  open: Parameters<typeof detectChannel>[1],
  options: Parameters<typeof detectChannel>[2],
): Promise<Channel | { reason: string }> {
  const detection = await detectChannel(file, open, options)
  if (detection.kind === 'found') return detection.channel
  const candidates = detection.candidates
  return {
    reason:
      candidates.length > 0
        ? `cannot tell its channel (${detection.reason}); it could be ${candidates.join(' or ')}: pass --channel`
        : `not an export dering reads (${detection.reason})`,
  }
}

/** Errors of reading one file (gone, a folder, no permission), as opposed to a service outage. */
function isFileError(error: Error): boolean {
  const code = (error as { code?: string }).code
  return ['ENOENT', 'EACCES', 'EISDIR', 'EPERM', 'ELOOP'].includes(code ?? '')
}
