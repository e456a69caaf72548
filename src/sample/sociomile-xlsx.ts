import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { WIB_HOURS } from './clock.js'
import { describeFile, type SampleFile } from './file-sink.js'
import { pinZipEntryTimes } from './pin-zip-times.js'

/** A cell value of the XLSX export: text, or a WIB wall-clock date. */
export type XlsxCell = string | Date | null

/**
 * Writes one sheet with exceljs's streaming writer. Excel dates carry no zone: a date cell holds
 * the WIB wall-clock time, which is what an export made on a PC in Indonesia shows.
 */
export async function writeXlsx(
  outDir: string,
  name: string,
  header: readonly string[],
  rows: Iterable<readonly XlsxCell[]>,
  createdAt: Date,
): Promise<SampleFile> {
  const filename = join(outDir, 'whatsapp', name)
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename,
    useStyles: true,
    useSharedStrings: false,
    created: createdAt,
    modified: createdAt,
    creator: 'Sociomile',
    lastModifiedBy: 'Sociomile',
  } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>)
  const sheet = workbook.addWorksheet('Tickets')
  sheet.columns = header.map((title, i) => ({
    header: title,
    width: i === 4 ? 40 : 20,
    ...(/tanggal|waktu/i.test(title) && { style: { numFmt: 'dd/mm/yyyy hh:mm' } }),
  }))
  for (const row of rows) {
    sheet.addRow(row.map((cell) => (cell instanceof Date ? asWallClock(cell) : cell))).commit()
  }
  sheet.commit()
  await workbook.commit()
  await pinZipEntryTimes(filename, asWallClock(createdAt))
  return describeFile(outDir, 'whatsapp', name)
}

/** The instant moved so that its UTC fields read the WIB wall clock. */
function asWallClock(at: Date): Date {
  return new Date(at.getTime() + WIB_HOURS * 3_600_000)
}
