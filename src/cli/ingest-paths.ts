import { createReadStream } from 'node:fs'
import { detectChannel } from '../adapters/detect-channel.js'
import type { Channel } from '../domain/channel.js'
import { coerceError } from '../errors.js'
import { enqueueFile, type EnqueuedFile } from '../jobs/enqueue-file.js'
import { hashFile } from '../files/hash-file.js'
import { resourceLimitsOf, type Services } from '../services.js'
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

/** Queues every file it can; a file whose channel cannot be told or that cannot be read is skipped. */
export async function enqueuePaths(
  services: Services,
  files: readonly string[],
  options: EnqueueOptions = {},
): Promise<EnqueueSummary> {
  const summary: EnqueueSummary = { enqueued: [], skipped: [] }
  for (const file of files) {
    try {
      const channel =
        options.channelOf?.(file) ??
        (await detectOrExplain(file, {
          xlsxSheet: services.config.XLSX_SHEET ?? null,
          cdrLayout: services.config.CDR_LAYOUT ?? null,
          ...resourceLimitsOf(services.config),
        }))
      if (typeof channel !== 'string') {
        summary.skipped.push({ path: file, reason: channel.reason })
        continue
      }
      const payload = { channel, path: file, sha256: await hashFile(file) }
      summary.enqueued.push(
        await enqueueFile(services, options.force ? { ...payload, force: true } : payload),
      )
    } catch (thrown) {
      const error = coerceError(thrown)
      if (!isFileError(error)) throw error
      summary.skipped.push({ path: file, reason: `cannot read it (${error.message})` })
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

async function detectOrExplain(
  file: string,
  options: Parameters<typeof detectChannel>[2],
): Promise<Channel | { reason: string }> {
  const detection = await detectChannel(file, () => createReadStream(file), options)
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
