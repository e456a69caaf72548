import type { Readable } from 'node:stream'
import { readCsv } from './read-csv.js'
import { readXlsx } from './read-xlsx.js'
import type { TableReading, TableRecord } from './table-record.js'

export type TableFormat = 'csv' | 'xlsx'

export function tableFormatOf(fileName: string): TableFormat {
  return fileName.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv'
}

export function readTable(input: Readable, reading: TableReading): AsyncGenerator<TableRecord> {
  return tableFormatOf(reading.fileName) === 'xlsx'
    ? readXlsx(input, reading)
    : readCsv(input, { ...reading, maxRecordBytes: reading.options.maxRecordBytes })
}
