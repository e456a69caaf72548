import { describe, expect, it } from 'vitest'
import type { AdapterOutput } from '../../src/domain/adapter-output.js'
import { UnreadableFileError } from '../../src/errors.js'
import { prepareInBatches, type PreparedPart } from '../../src/jobs/prepare-in-batches.js'

const skip = (recordNumber: number): AdapterOutput => ({
  kind: 'skip',
  recordNumber,
  reason: 'outgoing call',
})

async function* outputs(count: number, failure?: Error): AsyncGenerator<AdapterOutput> {
  for (let n = 1; n <= count; n++) yield await Promise.resolve(skip(n))
  if (failure) throw failure
}

async function collect(parts: AsyncIterable<PreparedPart>) {
  const seen: { read: number; last: number }[] = []
  try {
    for await (const { batch, last } of parts) seen.push({ read: batch.read, last })
  } catch (error) {
    return { seen, error }
  }
  return { seen, error: null }
}

describe('prepareInBatches', () => {
  const options = { batchSize: 3, bytesRead: () => 0 }

  it('cuts batches of batchSize, the last one shorter, each with its last ordinal', async () => {
    const { seen } = await collect(prepareInBatches(outputs(7), { ...options, resumeAfter: 0 }))
    expect(seen).toEqual([
      { read: 3, last: 3 },
      { read: 3, last: 6 },
      { read: 1, last: 7 },
    ])
  })

  it('gives the event loop a turn every turnEvery records, and only then', async () => {
    const turnsAfter = async (turnEvery?: number) => {
      let read = 0
      let firstTurnAt: number | null = null
      setImmediate(() => (firstTurnAt = read))
      const counted = (async function* () {
        for await (const output of outputs(40)) {
          read += 1
          yield output
        }
      })()
      await collect(
        prepareInBatches(counted, { ...options, batchSize: 100, resumeAfter: 0, turnEvery }),
      )
      return firstTurnAt
    }
    expect(await turnsAfter(8)).toBe(8)
    expect(await turnsAfter()).toBeNull() // no turn while the outputs come from microtasks alone
  })

  it('resumes after the checkpoint', async () => {
    const { seen } = await collect(prepareInBatches(outputs(7), { ...options, resumeAfter: 5 }))
    expect(seen).toEqual([{ read: 2, last: 7 }])
  })

  it('gives the records read before a file failure as a last batch, then the failure', async () => {
    const failure = new UnreadableFileError('x.csv', 'reading stopped')
    const { seen, error } = await collect(
      prepareInBatches(outputs(4, failure), { ...options, resumeAfter: 0 }),
    )
    expect(seen).toEqual([
      { read: 3, last: 3 },
      { read: 1, last: 4 },
    ])
    expect(error).toBe(failure)
  })

  it('drops the unfinished batch on any other error: the retry reads it again', async () => {
    const outage = new Error('connection reset')
    const { seen, error } = await collect(
      prepareInBatches(outputs(4, outage), { ...options, resumeAfter: 0 }),
    )
    expect(seen).toEqual([{ read: 3, last: 3 }])
    expect(error).toBe(outage)
  })
})
