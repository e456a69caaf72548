import type { Readable } from 'node:stream'
import type { AdapterOutput } from '../domain/adapter-output.js'
import { UnreadableFileError, coerceError } from '../errors.js'
import type { Adapter, AdapterContext } from './adapter.js'
import { resolveColumns, type ColumnSpecs } from './header-aliases.js'
import { readTable, tableFormatOf, type TableFormat, type TableRecord } from './read-table.js'

export interface TableRow<F extends string> {
  recordNumber: number
  fields: Record<F, string>
  /** Every column of the record, header → value, for the raw source table. */
  record: Record<string, string>
  raw: string
  format: TableFormat
}

export type RowParser<F extends string> = (row: TableRow<F>, ctx: AdapterContext) => AdapterOutput

/** An adapter for a one-header CSV/XLSX export: header aliases as data, one output per row. */
export function createTableAdapter<F extends string>(
  specs: ColumnSpecs<F>,
  parseRow: RowParser<F>,
): Adapter {
  return async function* (input: Readable, ctx: AdapterContext) {
    const format = tableFormatOf(ctx.fileName)
    let header: string[] | null = null
    let fieldsOf: ((cells: readonly string[]) => Record<F, string>) | null = null
    for await (const { recordNumber, cells, raw, error } of readRecords(input, ctx)) {
      if (error) {
        yield { kind: 'reject', recordNumber, reason: `unreadable record: ${error}`, raw }
        continue
      }
      if (!header || !fieldsOf) {
        header = cells.map((cell) => cell.replace(/^\uFEFF/, '').trim())
        fieldsOf = resolveColumns(header, specs, ctx.fileName)
        continue
      }
      const record = Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']))
      yield parseRow({ recordNumber, fields: fieldsOf(cells), record, raw, format }, ctx)
    }
    if (!header) throw new UnreadableFileError(ctx.fileName, 'the file is empty: expected a header row')
  }
}

/** A reader that fails (not a zip, a truncated workbook) means the file cannot be read at all. */
async function* readRecords(input: Readable, ctx: AdapterContext): AsyncGenerator<TableRecord> {
  const { fileName } = ctx
  try {
    yield* readTable(input, ctx)
  } catch (thrown) {
    // A reader's own file-level message (no such sheet) stands as it is.
    if (thrown instanceof UnreadableFileError) throw thrown
    const error = coerceError(thrown)
    const format = tableFormatOf(fileName).toUpperCase()
    throw new UnreadableFileError(fileName, `not a readable ${format} file: ${error.message}`, { cause: error })
  }
}
