import path from 'node:path'
import { escapeControl } from '../domain/escape-control.js'
import { formatWib } from './format-wib.js'
import { formatReasons, formatTable } from './output.js'
import type { EnqueuedFile } from '../jobs/enqueue-file.js'
import type { FileOutcome } from './wait-for-ingest.js'

/** The counts per file after `ingest --wait`, then what failed and what to run. */
export function printOutcomes(outcomes: readonly FileOutcome[]): void {
  const rows = outcomes.map((o) => {
    const base = { file: displayPath(o.file.path), channel: o.file.channel }
    const r = o.result
    if (!r) return { ...base, status: o.status }
    return {
      ...base,
      status: o.status === 'failed' ? 'failed' : o.file.earlier ? 'already ingested' : 'ingested',
      read: r.read,
      inserted: r.inserted,
      updated: r.updated,
      unchanged: r.unchanged,
      skipped: r.skipped,
      rejected: r.rejected,
    }
  })
  const columns = ['file', 'channel', 'status', 'read', 'inserted', 'updated', 'unchanged']
  console.log(
    formatTable(rows, [...columns, 'skipped', 'rejected'], { shrink: { file: 'middle' } }),
  )
  for (const o of outcomes) {
    const file = escapeControl(displayPath(o.file.path))
    if (o.status === 'failed') {
      const next = o.fileRefused
        ? `correct the export and ingest the corrected file; then dismiss this job: dering discard ${o.file.jobId}`
        : `fix the cause, then: dering replay ${o.file.jobId}`
      console.log(`\nfailed: ${file}: ${escapeControl(o.error)}\n  ${next}`)
    } else if (o.file.earlier) {
      console.log(describeEarlier(o.file))
    } else if (Object.keys(o.result.skippedByReason).length > 0) {
      console.log(`skipped in ${file}: ${formatReasons(o.result.skippedByReason)}`)
    }
    if (o.status === 'ingested') {
      for (const old of o.result.superseded ?? []) {
        console.log(`superseded: ${escapeControl(old)} → import ${o.result.importId} (${file})`)
      }
    }
  }
}

/** The stable `--json` shape of one file after `ingest --wait`. */
export function outcomeJson(outcome: FileOutcome) {
  const { file } = outcome
  const base = {
    path: file.path,
    channel: file.channel,
    jobId: file.jobId,
    sha256: file.sha256,
    enqueue: file.state,
  }
  return outcome.status === 'ingested'
    ? { ...base, status: outcome.status, result: outcome.result }
    : {
        ...base,
        status: outcome.status,
        error: outcome.error,
        ...(outcome.result && { result: outcome.result }),
      }
}

/** A path relative to the working directory when it is inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file)
  return relative.startsWith('..') ? file : relative
}

/** `exports/a.csv: already ingested as import 3 on 2026-12-04 10:00 WIB (--force loads it again)`. */
export function describeEarlier(file: EnqueuedFile): string {
  const earlier = file.earlier
  const shown = escapeControl(displayPath(file.path))
  if (!earlier) return `${shown}: ${file.state}`
  const when = earlier.finishedAt ? ` on ${formatWib(earlier.finishedAt)}` : ''
  return `${shown}: already ingested as import ${earlier.importId}${when} (--force loads it again)`
}
