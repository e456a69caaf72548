import type { RollupPayload } from '../queue/catalog.js'
import type { Queues } from '../queue/queues.js'

const POLL_MS = 300

/** Queues a rollup and waits until a worker has finished it; throws if it fails for good. */
export async function rollupAndWait(
  queues: Queues,
  payload: RollupPayload,
  jobId: string,
): Promise<string[]> {
  const job = await queues.rollup.add('rollup', payload, { jobId })
  for (;;) {
    const state = await job.getState()
    if (state === 'completed') return (await queues.rollup.getJob(jobId))?.returnvalue.months ?? []
    if (state === 'failed') {
      throw new Error(`rollup failed: ${(await queues.rollup.getJob(jobId))?.failedReason}`)
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}
