import { createReadStream, promises as fs } from 'node:fs'
import { SingleBar, Presets } from 'cli-progress'
import { detectChannel } from '../adapters/detect-channel.js'
import type { Channel } from '../domain/channel.js'
import { enqueueFile, type EnqueuedFile } from '../jobs/enqueue-file.js'
import { hashFile } from '../files/hash-file.js'
import type { Services } from '../services.js'
import { waitForIngest, type FileOutcome } from './wait-for-ingest.js'

export interface IngestPathsOptions {
  /** The channel of a file when known (a flag, a folder name); otherwise it is detected. */
  channelOf?: (file: string) => Channel | undefined
  /** Show a progress bar on stderr while waiting (only on a terminal). */
  showProgress?: boolean
}

/** Settles every file's channel (one unknown file queues nothing), then queues them all. */
export async function enqueuePaths(
  services: Services,
  files: readonly string[],
  options: Pick<IngestPathsOptions, 'channelOf'> = {},
): Promise<EnqueuedFile[]> {
  const channels = new Map<string, Channel>()
  for (const file of files) {
    channels.set(
      file,
      options.channelOf?.(file) ??
        (await detectOrExplain(file, {
          xlsxSheet: services.config.XLSX_SHEET ?? null,
          cdrLayout: services.config.CDR_LAYOUT ?? null,
        })),
    )
  }
  const enqueued: EnqueuedFile[] = []
  for (const [file, channel] of channels) {
    enqueued.push(
      await enqueueFile(services.queues, { channel, path: file, sha256: await hashFile(file) }),
    )
  }
  return enqueued
}

/** Queues the files and waits for every job to finish, with an optional progress bar. */
export async function ingestPaths(
  services: Services,
  files: readonly string[],
  options: IngestPathsOptions = {},
): Promise<FileOutcome[]> {
  return waitWithProgress(
    services,
    await enqueuePaths(services, files, options),
    options.showProgress ?? false,
  )
}

export async function waitWithProgress(
  services: Services,
  files: readonly EnqueuedFile[],
  showProgress: boolean,
): Promise<FileOutcome[]> {
  const sizes = new Map<string, number>()
  for (const file of files) sizes.set(file.path, (await fs.stat(file.path)).size)
  const totalBytes = [...sizes.values()].reduce((sum, n) => sum + n, 0)
  const bar =
    showProgress && process.stderr.isTTY
      ? new SingleBar(
          {
            format:
              'ingesting [{bar}] {percentage}% | {files}/{total_files} files | {eta_formatted} left',
            stream: process.stderr,
          },
          Presets.shades_classic,
        )
      : null
  bar?.start(Math.max(totalBytes, 1), 0, { files: 0, total_files: files.length })
  try {
    return await waitForIngest(services.queues, files, sizes, ({ filesDone, bytesDone }) =>
      bar?.update(Math.min(bytesDone, totalBytes), { files: filesDone }),
    )
  } finally {
    bar?.stop()
  }
}

async function detectOrExplain(
  file: string,
  options: Parameters<typeof detectChannel>[2],
): Promise<Channel> {
  const detection = await detectChannel(file, () => createReadStream(file), options)
  if (detection.kind === 'found') return detection.channel
  const could = detection.candidates.join(' or ')
  throw new Error(
    `${file}: cannot tell its channel (${detection.reason})${could ? `; it could be ${could}: pass --channel` : ''}`,
  )
}
