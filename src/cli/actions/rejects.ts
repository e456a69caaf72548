import { listRejects } from '../../db/rejects.js'
import type { RejectRow } from '../../db/schema.js'
import { EXIT } from '../exit-codes.js'
import { formatTable } from '../output.js'
import { printJson, runWithServices } from '../run-command.js'

export interface RejectsOptions {
  import?: number
  limit: number
  json?: boolean
}

export function rejectsAction(options: RejectsOptions): Promise<void> {
  return runWithServices(async ({ db }) => {
    const rows = await listRejects(db, { importId: options.import, limit: options.limit })
    if (options.json) printJson({ rejects: rows.map(rejectJson) })
    else console.log(formatRejects(rows))
    return EXIT.ok
  })
}

function rejectJson(row: RejectRow) {
  return {
    id: row.id,
    importId: row.import_id,
    recordNumber: row.record_number,
    reason: row.reason,
    raw: row.raw,
  }
}

function formatRejects(rows: readonly RejectRow[]): string {
  if (rows.length === 0) return 'no rejected records'
  return formatTable(
    rows.map((row) => ({
      import: row.import_id,
      record: row.record_number,
      reason: row.reason,
      raw: shorten(row.raw),
    })),
  )
}

/** One table line per record: whitespace collapsed, long records cut (--json has them whole). */
function shorten(raw: string): string {
  const line = raw.replaceAll(/\s+/g, ' ').trim()
  return line.length > 60 ? `${line.slice(0, 59)}…` : line
}
