import type { Readable } from 'node:stream'
import type ExcelJS from 'exceljs'
import { peekStream } from './peek-stream.js'
import type { TableRecord } from './read-table.js'

/**
 * Streams the first sheet of an XLSX workbook as text cells. Date cells become naive
 * `yyyy-mm-dd HH:MM:SS` text (Excel stores wall-clock time, no zone); numbers stay numbers in
 * text, so a date column holding raw serials is read with `excelSerial`.
 */
export async function* readXlsx(input: Readable): AsyncGenerator<TableRecord> {
  // The workbook reader never settles on an empty input; an empty file has no records.
  const { head, stream } = await peekStream(input, 1)
  if (head.length === 0) return
  // Loaded on first use: exceljs is the heaviest import and most commands never read XLSX.
  const { default: excel } = await import('exceljs')
  const workbook = new excel.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  })
  let recordNumber = -1
  for await (const worksheet of workbook) {
    for await (const row of worksheet) {
      const values = Array.isArray(row.values) ? row.values.slice(1) : []
      const cells = Array.from(values, cellText)
      if (cells.every((cell) => cell === '')) continue
      recordNumber += 1
      yield { recordNumber, cells, raw: JSON.stringify(cells) }
    }
    return
  }
}

function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value == null) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ')
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('result' in value) return cellText(value.result)
    if ('text' in value) return String(value.text)
    if ('error' in value) return ''
    return ''
  }
  return String(value).trim()
}
