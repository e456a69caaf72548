import { importPaths } from '../../db/imports.js'
import { listRejects, rejectRaw, type ListedReject } from '../../db/rejects.js'
import { EXIT } from '../../process/exit-codes.js'
import { displayPath } from '../ingest-outcomes.js'
import { formatTable } from '../output.js'
import { printJson, runWithServices } from '../run-command.js'

export interface RejectsOptions {
  import?: number
  limit: number
  json?: boolean
  raw?: number
}

/** How much of each raw text a listing shows; `--raw ID` prints one whole. */
const LISTED_RAW_CHARS = 2000

export function rejectsAction(options: RejectsOptions): Promise<void> {
  return runWithServices(async ({ db }) => {
    if (options.raw !== undefined) {
      const raw = await rejectRaw(db, options.raw)
      if (raw === undefined) {
        console.error(`no reject with id ${options.raw}`)
        return EXIT.failed
      }
      process.stdout.write(raw.endsWith('\n') ? raw : `${raw}\n`)
      return EXIT.ok
    }
    const rows = await listRejects(db, {
      importId: options.import,
      limit: options.limit,
      rawChars: LISTED_RAW_CHARS,
    })
    const files = await importPaths(db, [...new Set(rows.map((row) => row.import_id))])
    if (options.json) printJson({ rejects: rows.map((row) => rejectJson(row, files)) })
    else console.log(formatRejects(rows, files))
    return EXIT.ok
  })
}

function rejectJson(row: ListedReject, files: ReadonlyMap<number, string>) {
  return {
    id: row.id,
    importId: row.import_id,
    file: files.get(row.import_id) ?? null,
    recordNumber: row.record_number,
    reason: row.reason,
    raw: row.raw,
    rawLength: row.raw_length,
    rawTruncated: row.raw_length > row.raw.length,
  }
}

function formatRejects(rows: readonly ListedReject[], files: ReadonlyMap<number, string>): string {
  if (rows.length === 0) return 'no rejected records'
  return formatTable(
    rows.map((row) => ({
      id: row.id,
      import: row.import_id,
      file: displayPath(files.get(row.import_id) ?? ''),
      record: row.record_number,
      reason: row.reason,
      raw: oneLine(row.raw),
    })),
    undefined,
    { shrink: { file: 'middle', reason: 'wrap', raw: 'middle' } },
  )
}

/** One table line per record: whitespace collapsed, long records cut (`--raw ID` has them whole). */
function oneLine(raw: string): string {
  const line = raw.replaceAll(/\s+/g, ' ').trim()
  return line.length > 60 ? `${line.slice(0, 59)}…` : line
}
