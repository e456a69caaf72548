import { Readable } from 'node:stream'
import type ExcelJS from 'exceljs'
import { UnreadableFileError } from '../../errors.js'
import type { TableReading, TableRecord } from './table-record.js'
import { sniffBinary, isZip } from './sniff-bytes.js'
import { checkWorkbookPart, readWorkbookBytes } from './xlsx-limits.js'
import { listTabs, pickTab, type WorkbookRelationship, type WorkbookSheet } from './xlsx-tabs.js'
import { packZipStream, readZipDirectory, storedEntry, type ZipEntry } from './zip-archive.js'

/** What exceljs's reader keeps of xl/workbook.xml and its relationships (not in its typings). */
interface WorkbookParts {
  model?: { sheets?: WorkbookSheet[] }
  workbookRels?: WorkbookRelationship[]
}

/**
 * Reads one worksheet of an XLSX workbook as text cells: the first visible worksheet in tab
 * order, or the one `XLSX_SHEET` names (xlsx-tabs.ts). Date cells become naive
 * `yyyy-mm-dd HH:MM:SS` text (Excel stores wall-clock time, no zone); numbers stay numbers in
 * text, so a date column holding raw serials is read with `excelSerial`.
 *
 * The archive is held in memory (compressed, as stored) and read through its central directory:
 * ZIP entry order is whatever the writer chose (Excel stores the shared strings after the sheets,
 * streaming writers the sheets before the workbook part), so exceljs's streaming reader is given
 * the parts it needs in the order it needs them: the workbook part and its relationships to
 * choose the tab, then shared strings and styles, then that one sheet, whose rows stream out.
 */
export async function* readXlsx(
  input: Readable,
  reading: TableReading,
): AsyncGenerator<TableRecord> {
  const limits = reading.options
  const archive = await readWorkbookBytes(input, limits)
  // An empty file has no records; the table adapter says so.
  if (archive.length === 0) return
  if (!isZip(archive)) {
    const kind = sniffBinary(archive)
    throw new Error(`not a ZIP archive${kind ? ` but a ${kind}` : ''}, as every XLSX workbook is`)
  }
  const entries = readZipDirectory(archive)
  const part = (path: string) => entries.get(path)
  const workbookPart = part('xl/workbook.xml')
  const relationships = part('xl/_rels/workbook.xml.rels')
  if (!workbookPart || !relationships) {
    throw new Error('a ZIP archive without xl/workbook.xml, not an XLSX workbook')
  }
  await checkWorkbookPart(workbookPart, limits)
  await checkWorkbookPart(relationships, limits)
  // Loaded on first use: exceljs is the heaviest import and most commands never read XLSX.
  const { default: excel } = await import('exceljs')
  const open = (parts: ZipEntry[]) =>
    new excel.stream.xlsx.WorkbookReader(Readable.from([packZipStream(parts)]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
    })

  const index = open([workbookPart, relationships])
  for await (const worksheet of index) void worksheet
  const { model, workbookRels } = index as unknown as WorkbookParts
  const tabs = listTabs(model?.sheets ?? [], workbookRels ?? [])
  const tab = pickTab(tabs, reading.options.xlsxSheet)
  if (typeof tab === 'string') throw new UnreadableFileError(reading.fileName, tab)
  const sheet = tab.path === null ? undefined : part(tab.path.toLowerCase())
  if (!sheet) {
    throw new UnreadableFileError(
      reading.fileName,
      `sheet "${tab.name}" is not in the archive where the workbook says (${tab.path ?? 'no target'})`,
    )
  }
  reading.note(`sheet read: ${tab.name} (tab ${tab.index} of ${tabs.length})`)

  const sharedStrings = part('xl/sharedstrings.xml')
  const styles = part('xl/styles.xml')
  if (sharedStrings) await checkWorkbookPart(sharedStrings, limits, true)
  if (styles) await checkWorkbookPart(styles, limits)
  await checkWorkbookPart(sheet, limits)
  // The sheet comes after the shared strings and relationships, so exceljs streams its rows
  // instead of spooling it to a temp file first.
  const workbook = open([
    workbookPart,
    relationships,
    // Inline-string workbooks (streaming writers) have no table; an empty one lets the sheet stream.
    sharedStrings ?? storedEntry('xl/sharedStrings.xml', EMPTY_SHARED_STRINGS),
    ...[styles].filter((entry) => entry !== undefined),
    { ...sheet, path: 'xl/worksheets/sheet1.xml' },
  ])
  for await (const worksheet of workbook) yield* readRows(worksheet)
}

const EMPTY_SHARED_STRINGS =
  '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'

async function* readRows(
  worksheet: ExcelJS.stream.xlsx.WorksheetReader,
): AsyncGenerator<TableRecord> {
  let recordNumber = -1
  for await (const row of worksheet) {
    const values = Array.isArray(row.values) ? row.values.slice(1) : []
    const cells = Array.from(values, cellText)
    if (cells.every((cell) => cell === '')) continue
    recordNumber += 1
    yield { recordNumber, cells, raw: JSON.stringify(cells) }
  }
}

function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value == null) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ')
  if (typeof value === 'object') {
    // A shared-string cell in a workbook that has no shared strings table: the text is gone.
    if ('sharedString' in value) throw new Error('a cell refers to a missing shared strings table')
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('result' in value) return cellText(value.result)
    if ('text' in value) return String(value.text)
    return ''
  }
  return String(value).trim()
}
