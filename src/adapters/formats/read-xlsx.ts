import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { UnreadableFileError } from '../../errors.js'
import type { TableReading, TableRecord } from './table-record.js'
import { sniffBinary, isZip } from './sniff-bytes.js'
import { XmlScanner } from './xml-scanner.js'
import { checkWorkbookPart, inflateEntry, readWorkbookBytes } from './xlsx-limits.js'
import {
  readDateStyles,
  readRelationships,
  readSharedStrings,
  readWorkbookPart,
} from './xlsx-parts.js'
import { SheetRows, type SheetContext } from './xlsx-sheet-rows.js'
import { listTabs, pickTab } from './xlsx-tabs.js'
import { readZipDirectory, type ZipEntry } from './zip-archive.js'

/**
 * Reads one worksheet of an XLSX workbook as text cells: the first visible worksheet in tab
 * order, or the one `XLSX_SHEET` names (xlsx-tabs.ts). Date cells become naive
 * `yyyy-mm-dd HH:MM:SS` text (Excel stores wall-clock time, no zone); numbers stay numbers in
 * text, so a date column holding raw serials is read with `excelSerial`.
 *
 * The archive is held in memory (compressed, as stored) and read through its central directory,
 * so ZIP entry order (whatever the writer chose) does not matter: the workbook part and its
 * relationships choose the tab, the shared strings table and the date styles are read, then that one
 * sheet is inflated and scanned as it streams, its rows yielded as they complete.
 */
export async function* readXlsx(
  input: Readable,
  reading: TableReading,
): AsyncGenerator<TableRecord> {
  const sheet = await openSheet(input, reading)
  // An empty file has no records; the table adapter says so.
  if (!sheet) return
  // Rows are yielded from here, not through a nested generator: one hop per record fewer.
  const rows = new SheetRows(sheet.context)
  const scanner = new XmlScanner(rows, sheet.entry.path)
  const decoder = new StringDecoder('utf8')
  for await (const chunk of inflateEntry(sheet.entry)) {
    scanner.write(decoder.write(chunk))
    if (rows.ready.length > 0) {
      const ready = rows.ready
      rows.ready = []
      for (const record of ready) yield record
    }
    if (rows.done) return
  }
  scanner.write(decoder.end())
  scanner.end()
  for (const record of rows.ready) yield record
  if (!rows.done) {
    throw new Error(`${sheet.entry.path} ends before its </sheetData>: the sheet is cut short`)
  }
}

/** The sheet to read and what its cells refer to; null for an empty file. */
async function openSheet(
  input: Readable,
  reading: TableReading,
): Promise<{ entry: ZipEntry; context: SheetContext } | null> {
  const limits = reading.options
  const archive = await readWorkbookBytes(input, limits)
  if (archive.length === 0) return null
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
  checkWorkbookPart(workbookPart, limits)
  checkWorkbookPart(relationships, limits)
  const workbook = await readWorkbookPart(workbookPart)
  const tabs = listTabs(workbook.sheets, await readRelationships(relationships))
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
  if (sharedStrings) checkWorkbookPart(sharedStrings, limits, true)
  if (styles) checkWorkbookPart(styles, limits)
  checkWorkbookPart(sheet, limits)
  return {
    entry: sheet,
    context: {
      part: sheet.path,
      sharedStrings: sharedStrings ? await readSharedStrings(sharedStrings) : null,
      dateStyles: styles ? await readDateStyles(styles) : [],
      date1904: workbook.date1904,
    },
  }
}
