import type { AdapterLimits, AdapterOptions } from '../adapter.js'

/** One record of a tabular export; record 0 is the header. */
export interface TableRecord {
  recordNumber: number
  cells: string[]
  /** The record's source text (CSV line(s), or the XLSX cells as JSON) for the quarantine. */
  raw: string
  /** Set when the record itself could not be parsed. */
  error?: string
}

/** What a table reader needs of its adapter's context: an AdapterContext is one. */
export interface TableReading {
  fileName: string
  options: Pick<AdapterOptions, 'xlsxSheet'> & AdapterLimits
  /** A note about the file as a whole: the sheet read, an encoding fallen back to. */
  note(message: string): void
}
