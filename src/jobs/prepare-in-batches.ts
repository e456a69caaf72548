import type { AdapterOutput } from '../domain/adapter-output.js'
import { UnreadableFileError } from '../errors.js'
import { BatchBuilder, type PreparedBatch } from './prepare-batch.js'

/** One prepared batch of a file and how far into the file it reaches. */
export interface PreparedPart {
  batch: PreparedBatch
  /** The ordinal of its last record in the file: the import's checkpoint once it is stored. */
  last: number
  /** The file's bytes read when the batch was cut. */
  bytes: number
}

export interface BatchOptions {
  resumeAfter: number
  batchSize: number
  bytesRead: () => number
  /**
   * Records between two turns of the event loop, when a batch is stored on the same thread: its
   * statements get their replies from Postgres while the next batch is parsed, instead of only
   * when a read of the file next yields (after hundreds of records).
   */
  turnEvery?: number
}

/**
 * A file's adapter outputs after the first `resumeAfter`, prepared in batches of `batchSize`.
 * When the adapter fails the file, the records read before the failure still come, as a last
 * batch, so that the counts add up; then the error.
 */
export async function* prepareInBatches(
  outputs: AsyncIterable<AdapterOutput>,
  options: BatchOptions,
): AsyncGenerator<PreparedPart> {
  const turnEvery = options.turnEvery ?? Infinity
  let ordinal = 0
  let pending = new BatchBuilder()
  const cut = (): PreparedPart => {
    const batch = pending.build()
    pending = new BatchBuilder()
    return { batch, last: ordinal, bytes: options.bytesRead() }
  }
  try {
    for await (const output of outputs) {
      ordinal += 1
      if (ordinal <= options.resumeAfter) continue
      pending.add(output)
      if (ordinal % turnEvery === 0) await new Promise((resolve) => setImmediate(resolve))
      if (pending.size >= options.batchSize) yield cut()
    }
  } catch (thrown) {
    if (thrown instanceof UnreadableFileError && pending.size > 0) yield cut()
    throw thrown
  }
  if (pending.size > 0) yield cut()
}
