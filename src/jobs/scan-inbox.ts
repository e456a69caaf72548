import { assertNever } from '../domain/assert-never.js'
import { archiveInboxFile } from '../files/archive-inbox-file.js'
import { hashFile } from '../files/hash-file.js'
import { listInboxFiles, type InboxEntry, type RefusedEntry } from '../files/list-inbox-files.js'
import { SCAN_SETTLE_DEDUPLICATION_ID } from '../queue/catalog.js'
import type { Services } from '../services.js'
import { enqueueFile } from './enqueue-file.js'
import {
  forgetObservations,
  readObservations,
  saveObservation,
  type Observation,
} from './inbox-observations.js'

export interface ScanResult {
  /** New files added to the ingest queue. */
  queued: string[]
  /** Files seen for the first time or still changing: taken once they have settled. */
  settling: string[]
  /** Files whose content was already ingested (a copy, or a move missed after a crash). */
  archived: string[]
  /** Files whose job is waiting or running. */
  inProgress: string[]
  /** Files whose job failed for good: they stay until an operator replays them. */
  failed: string[]
  refused: RefusedEntry[]
}

/** A follow-up scan runs this much after the settle time, so it never comes early. */
const SETTLE_MARGIN_MS = 250

/**
 * Takes every settled file in `INBOX_DIR/<channel>/` into the ingest queue under its content
 * address, so a file is never ingested twice. A file counts as settled when two scans at least
 * INBOX_SETTLE_MS apart saw the same size and mtime; a scan that sees unsettled files asks for a
 * follow-up scan then, so a new file does not wait a whole cron period twice. Files are moved
 * to the archive by the ingest worker on success; a scan archives the ones that move missed.
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
    archived: [],
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
      await takeSettledFile(services, file, seen, now, result)
    }
  }
  // What is left was seen before and is gone now (archived, removed or renamed).
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
  if (result.queued.length + result.archived.length > 0) logger.info(summary, 'inbox scanned')
  else logger.debug(summary, 'inbox scanned')
  return result
}

async function takeSettledFile(
  services: Services,
  file: InboxEntry,
  seen: Observation,
  now: Date,
  result: ScanResult,
): Promise<void> {
  const { config, redis } = services
  let sha256 = seen.sha256
  if (!sha256) {
    sha256 = await hashFile(file.path)
    await saveObservation(redis, config.QUEUE_PREFIX, file.key, { ...seen, sha256 })
  }
  const enqueued = await enqueueFile(services, { channel: file.channel, path: file.path, sha256 })
  switch (enqueued.state) {
    case 'queued':
      result.queued.push(file.path)
      break
    case 'already queued':
      result.inProgress.push(file.path)
      break
    case 'failed earlier':
      result.failed.push(file.path)
      break
    case 'already ingested': {
      const archived = await archiveInboxFile(config.INBOX_DIR, { ...file, sha256 }, now)
      if (archived) result.archived.push(archived)
      await forgetObservations(redis, config.QUEUE_PREFIX, [file.key])
      break
    }
    default:
      assertNever(enqueued.state)
  }
}

/** The scan job's return value: counts, so a large inbox does not bloat Redis. */
export function countScan(result: ScanResult): Record<keyof ScanResult, number> {
  return {
    queued: result.queued.length,
    settling: result.settling.length,
    archived: result.archived.length,
    inProgress: result.inProgress.length,
    failed: result.failed.length,
    refused: result.refused.length,
  }
}
