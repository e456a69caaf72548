import type { QueueName } from '../queue/catalog.js'
import type { Queues } from '../queue/queues.js'
import { listFailedJobs } from './list-failed-jobs.js'

export type FoundJob = { queue: QueueName; id: string } | { id: string; problem: string }

/** Shortest prefix worth matching: shorter ones would match by accident. */
const MIN_PREFIX = 4

/**
 * Finds a job by its id or by any unique prefix of a failed job's id (as `dering failed` and
 * `dering ingest` print them), so an operator may type `whatsapp-bb06a16`.
 */
export async function findJob(
  queues: Queues,
  names: readonly QueueName[],
  idOrPrefix: string,
): Promise<FoundJob> {
  for (const queue of names) {
    if (await queues[queue].getJob(idOrPrefix)) return { queue, id: idOrPrefix }
  }
  if (idOrPrefix.length < MIN_PREFIX) return { id: idOrPrefix, problem: 'no such job' }
  const failed = await listFailedJobs(queues, { queues: names })
  const matches = failed.filter((job) => job.id.startsWith(idOrPrefix))
  if (matches.length === 1) return { queue: matches[0]!.queue, id: matches[0]!.id }
  if (matches.length === 0) return { id: idOrPrefix, problem: 'no such job' }
  return {
    id: idOrPrefix,
    problem: `ambiguous: ${matches.length} failed jobs start with it (${matches
      .slice(0, 3)
      .map((m) => m.id)
      .join(', ')}${matches.length > 3 ? ', …' : ''}); give more of the id`,
  }
}
