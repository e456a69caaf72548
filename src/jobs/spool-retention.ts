import { promises as fs } from 'node:fs'
import path from 'node:path'
import { importsNeedContent } from '../db/imports.js'
import { CHANNELS } from '../domain/channel.js'
import { durationSeconds } from '../duration.js'
import { LIVE_JOB_STATES, ingestJobId } from '../queue/catalog.js'
import type { Services } from '../services.js'
import { isSha256, spoolEntryPath } from '../spool/spool-entry.js'

type SpoolServices = Pick<Services, 'db' | 'queues' | 'config'>

/** Job states in which a job will still read its spool entry, or may be replayed to. */
const NEEDING_STATES = new Set([...LIVE_JOB_STATES, 'failed'])

/**
 * A fresh entry may belong to a capture whose job is about to be queued: it is left alone for
 * this long. A temporary file of a capture that died is removed after a day.
 */
const CAPTURE_GRACE_MS = 10 * 60_000
const STALE_CAPTURE_MS = 24 * 3_600_000

/**
 * Whether a spooled content is still needed: a job of it is queued, running or failed (it may
 * be replayed), an import of it is running, or one succeeded within SPOOL_RETENTION.
 */
async function isSpoolEntryNeeded(
  services: SpoolServices,
  sha256: string,
  now: Date,
  ignoreJobId?: string,
): Promise<boolean> {
  for (const channel of CHANNELS) {
    const jobId = ingestJobId(channel, sha256)
    if (jobId === ignoreJobId) continue
    if (NEEDING_STATES.has(await services.queues.ingest.getJobState(jobId))) return true
  }
  const retentionMs = durationSeconds(services.config.SPOOL_RETENTION) * 1000
  return importsNeedContent(services.db, sha256, new Date(now.getTime() - retentionMs))
}

/**
 * Removes a spool entry nothing needs any more (after a discard, a superseded job, a file that
 * could not be queued); `ignoreJobId` is the job that is going away. Returns whether it went.
 */
export async function releaseSpoolEntry(
  services: SpoolServices,
  sha256: string,
  ignoreJobId?: string,
  now: Date = new Date(),
): Promise<boolean> {
  if (await isSpoolEntryNeeded(services, sha256, now, ignoreJobId)) return false
  await fs.rm(spoolEntryPath(services.config.SPOOL_DIR, sha256), { force: true })
  return true
}

/**
 * The spool's retention: removes entries nothing needs (isSpoolEntryNeeded) once past the
 * capture grace, and temporary files of captures that died. Returns the names removed.
 */
export async function cleanSpool(
  services: SpoolServices,
  now: Date = new Date(),
): Promise<string[]> {
  const dir = services.config.SPOOL_DIR
  const names = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw error
  })
  const removed: string[] = []
  for (const name of names.sort()) {
    const file = path.join(dir, name)
    const stat = await fs.lstat(file).catch(() => null)
    if (!stat) continue
    const age = now.getTime() - stat.mtimeMs
    if (name.startsWith('.capture-')) {
      if (age > STALE_CAPTURE_MS) await fs.rm(file, { force: true }).then(() => removed.push(name))
      continue
    }
    if (!isSha256(name) || age < CAPTURE_GRACE_MS) continue
    if (await isSpoolEntryNeeded(services, name, now)) continue
    // The same content captured again while it was checked is a new file, whose job is coming.
    const current = await fs.lstat(file).catch(() => null)
    if (current?.ino !== stat.ino) continue
    await fs.rm(file, { force: true })
    removed.push(name)
  }
  return removed
}
