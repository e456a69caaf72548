import type { Readable } from 'node:stream'
import type { AdapterOutput } from '../domain/adapter-output.js'
import { UnreadableFileError, coerceError } from '../errors.js'
import type { Adapter, AdapterContext } from './adapter.js'
import { defineAdapter, type SourceRecord } from './define-adapter.js'
import { resolveColumns, type ColumnSpecs } from './formats/header-aliases.js'
import { readTable, tableFormatOf, type TableFormat } from './formats/read-table.js'

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
  format: string,
  specs: ColumnSpecs<F>,
  parseRow: RowParser<F>,
): Adapter {
  return defineAdapter<TableRow<F> | { error: string }>({
    format,
    isZipFormat: (fileName) => tableFormatOf(fileName) === 'xlsx',
    records: (input, ctx) => tableRows(input, ctx, specs),
    converter: (ctx) => ({
      toOutputs: ({ value }) => {
        if ('error' in value) throw new Error(`unreadable record: ${value.error}`)
        return parseRow(value, ctx)
      },
    }),
  })
}

/**
 * The rows after the header, with their fields resolved by the header's aliases. A record the
 * reader could not parse is passed on with its error (it becomes a reject).
 */
export async function* tableRows<F extends string>(
  input: Readable,
  ctx: AdapterContext,
  specs: ColumnSpecs<F>,
): AsyncGenerator<SourceRecord<TableRow<F> | { error: string }>> {
  const format = tableFormatOf(ctx.fileName)
  let header: string[] | null = null
  let fieldsOf: ((cells: readonly string[]) => Record<F, string>) | null = null
  let recordOf: ((cells: readonly string[]) => Record<string, string>) | null = null
  let read = false
  try {
    for await (const { recordNumber, cells, raw, error } of readTable(input, ctx)) {
      read = true
      if (error) {
        if (!header) throw new UnreadableFileError(ctx.fileName, `unreadable header row: ${error}`)
        yield { recordNumber, raw, value: { error } }
        continue
      }
      if (!header || !fieldsOf || !recordOf) {
        header = cells.map((cell) => cell.replace(/^\uFEFF/, '').trim())
        fieldsOf = resolveColumns(header, specs, ctx.fileName)
        recordOf = recordsOf(header)
        continue
      }
      const record = recordOf(cells)
      const fields = fieldsOf(cells)
      yield { recordNumber, raw, value: { recordNumber, fields, record, raw, format } }
    }
  } catch (thrown) {
    throw read || thrown instanceof UnreadableFileError ? thrown : notATable(thrown, ctx.fileName)
  }
  if (!header) {
    throw new UnreadableFileError(ctx.fileName, 'the file is empty: expected a header row')
  }
}

/**
 * A row as header → value, later columns of a repeated name winning (as Object.fromEntries,
 * at a tenth of its cost). A column named `__proto__` is defined like any other, not assigned.
 * Each row starts as a copy of the header's own empty row, so that it is made at its full size
 * once instead of growing a property at a time.
 */
function recordsOf(
  header: readonly string[],
): (cells: readonly string[]) => Record<string, string> {
  const empty = fill({}, header, [])
  return (cells) => fill({ ...empty }, header, cells)
}

function fill(
  record: Record<string, string>,
  header: readonly string[],
  cells: readonly string[],
): Record<string, string> {
  for (let i = 0; i < header.length; i++) {
    const name = header[i]!
    const value = cells[i] ?? ''
    if (name !== '__proto__') record[name] = value
    else Object.defineProperty(record, name, { value, enumerable: true, writable: true })
  }
  return record
}

/**
 * A reader that fails before the header (not a zip, no workbook inside) means the file is not a
 * table at all; after it, the error is where reading stopped (the framework says so).
 */
function notATable(thrown: unknown, fileName: string): UnreadableFileError {
  const error = coerceError(thrown)
  const format = tableFormatOf(fileName).toUpperCase()
  return new UnreadableFileError(fileName, `not a readable ${format} file: ${error.message}`, {
    cause: error,
  })
}
