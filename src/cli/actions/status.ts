import { countsOf, listRecentImports } from '../../db/imports.js'
import type { ImportRow } from '../../db/schema.js'
import { QUEUE_NAMES } from '../../queue/catalog.js'
import type { Services } from '../../services.js'
import { EXIT } from '../../process/exit-codes.js'
import { escapeControl } from '../../domain/escape-control.js'
import { displayPath } from '../ingest-outcomes.js'
import { formatReasons, formatTable } from '../output.js'
import { printJson, runWithServices } from '../run-command.js'

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const

export interface StatusOptions {
  limit: number
  json?: boolean
}

export function statusAction(options: StatusOptions): Promise<void> {
  return runWithServices(async (services) => {
    const status = await readStatus(services, options.limit)
    if (options.json) printJson(status)
    else printStatus(status)
    return EXIT.ok
  })
}

async function readStatus(services: Services, limit: number) {
  const queues = await Promise.all(
    QUEUE_NAMES.map(async (name) => ({
      queue: name,
      ...(await services.queues[name].getJobCounts(...JOB_STATES)),
    })),
  )
  const imports = (await listRecentImports(services.db, limit)).map(importJson)
  return { queues, imports }
}

function importJson(row: ImportRow) {
  const finished = row.finished_at
  return {
    id: row.id,
    channel: row.channel,
    path: row.path,
    status: row.status,
    ...countsOf(row),
    startedAt: row.started_at.toISOString(),
    finishedAt: finished?.toISOString() ?? null,
    seconds: finished ? (finished.getTime() - row.started_at.getTime()) / 1000 : null,
    error: row.error,
    notes: row.notes,
    jobId: row.job_id,
    supersededBy: row.superseded_by,
  }
}

function printStatus({ queues, imports }: Awaited<ReturnType<typeof readStatus>>): void {
  console.log(formatTable(queues, ['queue', ...JOB_STATES]))
  console.log('\nrecent imports')
  console.log(
    formatTable(
      imports.map((i) => ({
        id: i.id,
        channel: i.channel,
        file: displayPath(i.path),
        status: i.supersededBy === null ? i.status : 'superseded',
        read: i.read,
        inserted: i.inserted,
        updated: i.updated,
        unchanged: i.unchanged,
        skipped: i.skipped,
        rejected: i.rejected,
        seconds: i.seconds ?? '',
      })),
      undefined,
      { shrink: { file: 'middle' } },
    ),
  )
  for (const i of imports) {
    const reasons = formatReasons(i.skippedByReason)
    if (reasons) console.log(`import ${i.id} skipped: ${reasons}`)
    if (i.supersededBy !== null) {
      const job = i.jobId ? `${escapeControl(i.jobId)} ` : ''
      console.log(`import ${i.id} superseded: ${job}→ import ${i.supersededBy}`)
    } else if (i.error) {
      console.log(`import ${i.id} error: ${escapeControl(i.error, { keepNewlines: true })}`)
    }
    for (const note of i.notes) console.log(`import ${i.id} note: ${escapeControl(note)}`)
  }
}
