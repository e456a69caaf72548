import type { FileHandle } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import type { AdapterOutput } from '../domain/adapter-output.js'
import { addCounts } from '../domain/import-counts.js'
import { adapterFor } from '../adapters/registry.js'
import { transactionWithClient } from '../db/connect.js'
import { failImport, finishImport, saveImportProgress, startImport } from '../db/imports.js'
import { UnreadableFileError, coerceError } from '../errors.js'
import { rollupJobId, type IngestPayload, type IngestResult } from '../queue/catalog.js'
import type { Logger } from '../logger.js'
import type { Services } from '../services.js'
import { openSpoolEntry } from '../spool/spool-entry.js'
import { earlierIngestResult } from './earlier-import.js'
import { countBytes } from './count-bytes.js'
import { storeBatch } from './store-batch.js'
import { prepareInBatches, type PreparedPart } from './prepare-in-batches.js'
import { supersedeFailedJobs } from './supersede-failed-jobs.js'

export interface IngestProgress {
  bytes: number
  totalBytes: number
  records: number
}

export interface IngestJob {
  id: string
  updateProgress(progress: IngestProgress): Promise<void>
}

/**
 * Streams one spooled file through its channel's adapter into the fact table, batch by batch,
 * each batch one transaction that also saves the import's counts and checkpoint. A retry
 * resumes after the last committed batch; the upserts are idempotent anyway. The job reads
 * `SPOOL_DIR/<sha256>` and nothing else: a spool entry never changes, so every attempt and
 * every replay reads the bytes that were queued.
 */
export async function ingestFile(
  services: Services,
  payload: IngestPayload,
  job: IngestJob,
): Promise<IngestResult> {
  const { db, config } = services
  const logger = services.logger.child({
    jobId: job.id,
    channel: payload.channel,
    file: payload.name,
  })
  const earlier = await earlierIngestResult(db, payload) // Postgres decides, again in the job
  if (earlier) return earlier
  // Opened before anything is recorded: a refused entry leaves no import behind.
  const spooled = await openSpoolEntry(config.SPOOL_DIR, payload.sha256)
  try {
    return await ingestSpooled(services, payload, job, spooled.handle, spooled.stat.size, logger)
  } finally {
    await spooled.handle.close()
  }
}

async function ingestSpooled(
  services: Services,
  payload: IngestPayload,
  job: IngestJob,
  handle: FileHandle,
  totalBytes: number,
  logger: Logger,
): Promise<IngestResult> {
  const { db } = services
  const adapter = adapterFor(payload.channel)
  const start = await startImport(db, {
    channel: payload.channel,
    path: payload.name,
    sha256: payload.sha256,
    jobId: job.id,
    adapterVersion: adapter.version,
  })
  const { importId } = start
  const file = { importId, fileSha256: payload.sha256, adapterVersion: adapter.version }
  let counts = start.counts
  const months = new Set<string>()
  logger.info({ importId, resumeAfter: start.checkpoint }, 'ingest started')

  const write = async ({ batch, last, bytes }: PreparedPart) => {
    // A batch need not wait for its WAL flush: a crash loses it together with its checkpoint
    // (same transaction), so the retry redoes it; finishImport's synchronous commit flushes
    // every batch before the job can complete.
    await transactionWithClient(
      db,
      async (trx) => {
        const result = await storeBatch(trx, file, batch)
        counts = addCounts(counts, result.counts)
        result.months.forEach((month) => months.add(month))
        await saveImportProgress(trx.db, importId, counts, last)
      },
      { synchronousCommit: 'off' },
    ).catch((thrown: unknown) => {
      throw unstorableBatch(thrown, payload.name, last - batch.read + 1, last)
    })
    await job.updateProgress({ bytes, totalBytes, records: counts.read })
  }
  // One batch is written while the next is parsed, so the adapter and Postgres work at once;
  // batches still commit one after another, in file order.
  let writing: Promise<void> = Promise.resolve()
  const notes = createNotes()
  const ctx = services.adapterContext(payload.name, notes.add)
  const parts = preparedBatches(handle, (input) => adapter.parse(input, ctx), {
    resumeAfter: start.checkpoint,
    batchSize: services.config.BATCH_SIZE,
  })

  try {
    for await (const part of parts) {
      await writing
      writing = write(part)
      writing.catch(() => undefined) // surfaces at the next await; not an unhandled rejection
    }
    await writing
  } catch (thrown) {
    // A batch still being written finishes (or fails) before the job gives up: a retry must
    // never overlap it. Its failure (an outage) is the job's error then.
    const writeError = await writing.then(
      () => null,
      (error: unknown) => coerceError(error),
    )
    const error = writeError ?? coerceError(thrown)
    // Only a file-level failure ends the import (the records read before it are stored: the
    // batches end with them); anything else (a database or Redis outage) leaves it running so
    // the retry resumes from the checkpoint.
    if (error instanceof UnreadableFileError) {
      await failImport(db, importId, error.message, notes.list())
    }
    throw error
  }
  await finishImport(db, importId, notes.list())
  const sortedMonths = [...months].sort()
  if (sortedMonths.length > 0) {
    await services.queues.rollup.add(
      'months',
      { months: sortedMonths },
      { jobId: rollupJobId(`import-${importId}`) },
    )
  }
  logger.info({ importId, ...counts }, 'ingest finished')
  const superseded = await supersedeEarlier(services, payload, importId, job.id, logger)
  return { importId, ...counts, months: sortedMonths, superseded }
}

/** Best effort: the import stands even if the failed jobs it replaces cannot be cleared now. */
async function supersedeEarlier(
  services: Services,
  payload: IngestPayload,
  importId: number,
  jobId: string,
  logger: Logger,
): Promise<string[]> {
  try {
    const superseded = await supersedeFailedJobs(services, { name: payload.name, importId, jobId })
    for (const old of superseded) {
      logger.info(
        { importId, superseded: old.jobId },
        `superseded: ${old.jobId} → import ${importId}`,
      )
    }
    return superseded.map((old) => old.jobId)
  } catch (thrown) {
    logger.warn(
      { importId, err: coerceError(thrown).message },
      'could not supersede earlier failed jobs',
    )
    return []
  }
}

/** Short enough for Postgres's replies to wait ~1 ms, long enough to cost nothing measurable. */
const RECORDS_PER_TURN = 32

/**
 * Bytes per read of the spool file. A file handle's stream at its default 64 KB read a 71 MB
 * export for 136 ms of CPU, at 256 KB for 38 ms (1 MB: 46 ms): ~1 µs less per Deskpro chat.
 */
const READ_BYTES = 256 * 1024
/**
 * What the adapter is handed at a time: the 64 KB a file was always read in. Its sniffers look at
 * its first piece (an encoding, binary data), and its messages count bytes in pieces.
 */
const PIECE_BYTES = 64 * 1024

/**
 * The file's prepared batches after the checkpoint, parsed on the job's thread from a stream of
 * the handle it owns (a parse thread of their own measured slower and larger: docs/benchmarks.md).
 */
async function* preparedBatches(
  handle: FileHandle,
  parse: (input: Readable) => AsyncIterable<AdapterOutput>,
  options: { resumeAfter: number; batchSize: number },
): AsyncGenerator<PreparedPart> {
  const source = handle.createReadStream({
    autoClose: false,
    start: 0,
    highWaterMark: READ_BYTES,
  })
  const { stream, bytesRead } = countBytes(source, PIECE_BYTES)
  try {
    yield* prepareInBatches(parse(stream), { ...options, bytesRead, turnEvery: RECORDS_PER_TURN })
  } finally {
    source.destroy() // an adapter may stop before the end: no read may follow the handle's close
  }
}

/** A batch Postgres refuses as data (SQLSTATE class 22), not for an outage, fails the file. */
function unstorableBatch(thrown: unknown, path: string, from: number, to: number): Error {
  const error = coerceError(thrown)
  const code = (error as { code?: unknown }).code
  if (typeof code !== 'string' || !code.startsWith('22')) return error
  return new UnreadableFileError(
    path,
    `records ${from}–${to} could not be stored: ${error.message}`,
    { cause: error },
  )
}

const MAX_NOTES = 50
const MAX_NOTE_LENGTH = 500

/** The adapter's notes about the file: each once, in order, a bounded number of them. */
function createNotes() {
  const notes = new Set<string>()
  return {
    add: (message: string) => {
      if (notes.size < MAX_NOTES) notes.add(message.slice(0, MAX_NOTE_LENGTH))
    },
    list: () => [...notes],
  }
}
