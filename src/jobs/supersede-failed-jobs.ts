import { supersedeFailedImports } from '../db/imports.js'
import type { Services } from '../services.js'
import { discardJob } from './discard-jobs.js'
import { listFailedJobs } from './list-failed-jobs.js'

/** `old id → import N`: a failed job replaced by the import of a corrected file. */
export interface SupersededJob {
  jobId: string
  importId: number
}

/**
 * A corrected export is a new file: when a file of the same name (inbox folder and name, or
 * path) succeeds, the earlier failed jobs of that name are done with. They leave `dering
 * failed` (removed from the queue, their spool entries released), and their failed imports
 * are marked superseded by the new import.
 */
export async function supersedeFailedJobs(
  services: Pick<Services, 'db' | 'queues' | 'config'>,
  file: { name: string; importId: number; jobId: string },
): Promise<SupersededJob[]> {
  const superseded = new Set<string>()
  const failed = await listFailedJobs(services.queues, { queues: ['ingest'] })
  for (const job of failed) {
    if (job.file !== file.name || job.id === file.jobId) continue
    const outcome = await discardJob(services, 'ingest', job.id)
    if (outcome.status === 'discarded') superseded.add(job.id)
  }
  const imports = await supersedeFailedImports(services.db, {
    path: file.name,
    importId: file.importId,
  })
  for (const row of imports) if (row.jobId && row.jobId !== file.jobId) superseded.add(row.jobId)
  return [...superseded].sort().map((jobId) => ({ jobId, importId: file.importId }))
}
