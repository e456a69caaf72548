import { createHash } from 'node:crypto'
import { createReadStream, promises as fs } from 'node:fs'
import { Transform } from 'node:stream'
import type { AdapterOutput } from '../domain/adapter-output.js'
import { addCounts } from '../domain/import-counts.js'
import { adapterFor } from '../adapters/registry.js'
import { assertInsideRoots, ingestRootsOf } from '../files/assert-inside-roots.js'
import { transactionWithClient } from '../db/connect.js'
import { failImport, finishImport, saveImportProgress, startImport } from '../db/imports.js'
import { UnreadableFileError, coerceError } from '../errors.js'
import { rollupJobId, type IngestPayload, type IngestResult } from '../queue/catalog.js'
import type { Services } from '../services.js'
import { earlierIngestResult } from './earlier-import.js'
import { loadBatch } from './load-batch.js'

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
 * Streams one file through its channel's adapter into the fact table, batch by batch, each
 * batch one transaction that also saves the import's counts and checkpoint. A retry resumes
 * after the last committed batch; the upserts are idempotent anyway.
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
    file: payload.path,
  })
  const earlier = await earlierIngestResult(db, payload) // Postgres decides, again in the job
  if (earlier) return earlier
  await assertInsideRoots(payload.path, ingestRootsOf(config.INGEST_ROOTS, config.INBOX_DIR))
  const totalBytes = await statSize(payload.path)
  const adapter = adapterFor(payload.channel)
  const start = await startImport(db, {
    ...payload,
    jobId: job.id,
    adapterVersion: adapter.version,
  })
  const { importId } = start
  const file = { importId, fileSha256: payload.sha256, adapterVersion: adapter.version }
  let counts = start.counts
  const months = new Set<string>()
  const hash = createHash('sha256')
  let bytes = 0
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk)
      bytes += chunk.length
      done(null, chunk)
    },
  })
  logger.info({ importId, resumeAfter: start.checkpoint }, 'ingest started')

  let ordinal = 0
  let batch: AdapterOutput[] = []
  const write = async (outputs: AdapterOutput[], checkpoint: number) => {
    await transactionWithClient(db, async (trx) => {
      // A batch need not wait for its WAL flush: a crash loses it together with its checkpoint
      // (same transaction), so the retry redoes it; finishImport's synchronous commit flushes
      // every batch before the job can complete.
      await trx.client.query('set local synchronous_commit = off')
      const result = await loadBatch(trx, file, outputs)
      counts = addCounts(counts, result.counts)
      result.months.forEach((month) => months.add(month))
      await saveImportProgress(trx.db, importId, counts, checkpoint)
    }).catch((thrown: unknown) => {
      throw unstorableBatch(thrown, payload.path, checkpoint - outputs.length + 1, checkpoint)
    })
    await job.updateProgress({ bytes, totalBytes, records: counts.read })
  }
  // One batch is written while the next is parsed, so the adapter and Postgres work at once;
  // batches still commit one after another, in file order.
  let writing: Promise<void> = Promise.resolve()
  const commit = async () => {
    const outputs = batch
    batch = []
    await writing
    if (outputs.length === 0) return
    writing = write(outputs, ordinal)
    writing.catch(() => undefined) // surfaces at the next await; not an unhandled rejection
  }
  const notes = createNotes()

  try {
    const input = createReadStream(payload.path).pipe(tap)
    const ctx = services.adapterContext(payload.path, notes.add)
    for await (const output of adapter.parse(input, ctx)) {
      ordinal += 1
      if (ordinal <= start.checkpoint) continue
      batch.push(output)
      if (batch.length >= config.BATCH_SIZE) await commit()
    }
    await commit()
    await writing
    const actual = hash.digest('hex')
    if (actual !== payload.sha256) {
      throw new UnreadableFileError(
        payload.path,
        `content changed since it was queued (sha256 ${actual}); ingest it again`,
      )
    }
  } catch (thrown) {
    // A batch still being written finishes (or fails) before the job gives up: a retry must
    // never overlap it. Its failure (an outage) is the job's error then.
    const writeError = await writing.then(
      () => null,
      (error: unknown) => coerceError(error),
    )
    const error = writeError ?? coerceError(thrown)
    // Only a file-level failure ends the import; anything else (a database or Redis outage)
    // leaves it running so the retry resumes from the checkpoint.
    if (error instanceof UnreadableFileError) {
      // The records read before the file failed still load, so the counts add up.
      if (!writeError) await commit().then(() => writing)
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
  const result = { importId, ...counts, months: sortedMonths }
  logger.info({ importId, ...counts }, 'ingest finished')
  return result
}

async function statSize(path: string): Promise<number> {
  try {
    const stat = await fs.stat(path)
    if (!stat.isFile()) throw new UnreadableFileError(path, 'not a regular file')
    return stat.size
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error
    throw new UnreadableFileError(
      path,
      'file not found or not readable: was it moved or deleted?',
      { cause: error },
    )
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
