import type { OptionSettings } from '../adapter.js'

/** The settings of the shared readers, whichever channel reads the file. */
export const FORMAT_SETTINGS: OptionSettings = Object.freeze({
  xlsxSheet: 'XLSX_SHEET',
  maxRecordBytes: 'MAX_RECORD_BYTES',
  xlsxMaxBytes: 'XLSX_MAX_BYTES',
  xlsxMaxEntryBytes: 'XLSX_MAX_ENTRY_BYTES',
  xlsxMaxRatio: 'XLSX_MAX_RATIO',
  xlsxMaxSharedStringsBytes: 'XLSX_MAX_SHARED_STRINGS_BYTES',
})
