import type { Readable } from 'node:stream'
import { readCsv } from './read-csv.js'
import { readXlsx } from './read-xlsx.js'

/** One record of a tabular export; record 0 is the header. */
export interface TableRecord {
  recordNumber: number
  cells: string[]
  /** The record's source text (CSV line(s), or the XLSX cells as JSON) for the quarantine. */
  raw: string
  /** Set when the record itself could not be parsed. */
  error?: string
}

export type TableFormat = 'csv' | 'xlsx'

export function tableFormatOf(fileName: string): TableFormat {
  return fileName.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv'
}

export function readTable(input: Readable, fileName: string): AsyncGenerator<TableRecord> {
  return tableFormatOf(fileName) === 'xlsx' ? readXlsx(input) : readCsv(input)
}
