import { promises as fs } from 'node:fs'
import { UnreadableFileError } from '../errors.js'
import { listInboxFiles, type InboxEntry, type RefusedEntry } from '../files/list-inbox-files.js'
import { SCAN_SETTLE_DEDUPLICATION_ID } from '../queue/catalog.js'
import type { Services } from '../services.js'
import type { CapturedFile } from '../spool/capture-file.js'
import type { EnqueuedFile } from './enqueue-file.js'
import { enqueueFromPath } from './enqueue-from-path.js'
import { forgetObservations, readObservations, saveObservation } from './inbox-observations.js'

export interface ScanResult {
  /** New files added to the ingest queue. */
  queued: string[]
  /** Files seen for the first time or still changing: taken once they have settled. */
  settling: string[]
  /** Files whose content this database already holds (a copy of an ingested file). */
  alreadyIngested: string[]
  /** Files whose job is waiting or running. */
  inProgress: string[]
  /** Files whose content's job failed for good: it stays in `dering failed` until replayed or discarded. */
  failed: string[]
  refused: RefusedEntry[]
}

/** A follow-up scan runs this much after the settle time, so it never comes early. */
const SETTLE_MARGIN_MS = 250

/**
 * Takes every settled file in `INBOX_DIR/<channel>/` into the spool and the ingest queue under
 * its content address, so a content is never ingested twice. A file counts as settled when two
 * scans at least INBOX_SETTLE_MS apart saw the same size and mtime; a scan that sees unsettled
 * files asks for a follow-up scan then, so a new file does not wait a whole cron period twice.
 * A taken file leaves the inbox: its bytes are in the spool, its outcome in the import table.
 */
export async function scanInbox(services: Services, now: Date = new Date()): Promise<ScanResult> {
  const { config, redis, queues, logger } = services
  const prefix = config.QUEUE_PREFIX
  const { files, refused } = await listInboxFiles(config.INBOX_DIR)
  for (const entry of refused) {
    logger.warn({ path: entry.path }, `inbox: refused ${entry.path}: ${entry.reason}`)
  }
  const observations = await readObservations(redis, prefix)
  const result: ScanResult = {
    queued: [],
    settling: [],
    alreadyIngested: [],
    inProgress: [],
    failed: [],
    refused,
  }

  for (const file of files) {
    const seen = observations.get(file.key)
    observations.delete(file.key)
    if (!seen || seen.size !== file.size || seen.mtimeMs !== file.mtimeMs) {
      await saveObservation(redis, prefix, file.key, {
        size: file.size,
        mtimeMs: file.mtimeMs,
        seenAt: now.getTime(),
      })
      result.settling.push(file.path)
    } else if (now.getTime() - seen.seenAt < config.INBOX_SETTLE_MS) {
      result.settling.push(file.path)
    } else {
      await takeSettledFile(services, file, result)
    }
  }
  // What is left was seen before and is gone now (taken, removed or renamed).
  await forgetObservations(redis, prefix, [...observations.keys()])

  if (result.settling.length > 0) {
    await queues.scan.add(
      'settle',
      {},
      {
        delay: config.INBOX_SETTLE_MS + SETTLE_MARGIN_MS,
        deduplication: { id: SCAN_SETTLE_DEDUPLICATION_ID, ttl: config.INBOX_SETTLE_MS },
      },
    )
  }
  const summary = countScan(result)
  const taken = result.queued.length + result.alreadyIngested.length
  if (taken > 0) logger.info(summary, 'inbox scanned')
  else logger.debug(summary, 'inbox scanned')
  return result
}

/** The list of a scan's result each enqueue outcome goes to. */
const LIST_OF_STATE: Readonly<
  Record<EnqueuedFile['state'], 'queued' | 'inProgress' | 'failed' | 'alreadyIngested'>
> = {
  queued: 'queued',
  'already queued': 'inProgress',
  'failed earlier': 'failed',
  'already ingested': 'alreadyIngested',
}

async function takeSettledFile(
  services: Services,
  file: InboxEntry,
  result: ScanResult,
): Promise<void> {
  const { config, redis, logger } = services
  let enqueued
  try {
    enqueued = await enqueueFromPath(services, { channel: file.channel, path: file.path })
  } catch (thrown) {
    if (!(thrown instanceof UnreadableFileError)) throw thrown
    logger.warn({ path: file.path }, `inbox: refused ${thrown.message}`)
    result.refused.push({ path: file.path, reason: thrown.message })
    return
  }
  result[LIST_OF_STATE[enqueued.state]].push(file.path)
  await removeTakenFile(file.path, enqueued.captured)
  await forgetObservations(redis, config.QUEUE_PREFIX, [file.key])
}

/**
 * Removes the inbox file once its bytes are spooled and queued, unless it was replaced or
 * rewritten meanwhile (another inode, size or mtime): a new export is taken by a later scan.
 */
async function removeTakenFile(file: string, captured: CapturedFile): Promise<void> {
  const stat = await fs.lstat(file).catch(() => null)
  const same =
    stat !== null &&
    stat.dev === captured.dev &&
    stat.ino === captured.ino &&
    stat.size === captured.size &&
    stat.mtimeMs === captured.mtimeMs
  if (same) await fs.rm(file, { force: true })
}

/** The scan job's return value: counts, so a large inbox does not bloat Redis. */
export function countScan(result: ScanResult): Record<keyof ScanResult, number> {
  return {
    queued: result.queued.length,
    settling: result.settling.length,
    alreadyIngested: result.alreadyIngested.length,
    inProgress: result.inProgress.length,
    failed: result.failed.length,
    refused: result.refused.length,
  }
}
