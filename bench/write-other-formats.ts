import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import ExcelJS from 'exceljs'
import { benchTicket } from './bench-ticket.js'
import { formatDeskproChat, SOCIOMILE_COLUMNS, sociomileCells } from './format-records.js'

/** The Sociomile export saved as XLSX (one sheet, inline strings): the same cells as the CSV. */
export async function writeSociomileXlsx(path: string, count: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: false,
  })
  const sheet = workbook.addWorksheet('Tickets')
  sheet.addRow(SOCIOMILE_COLUMNS).commit()
  for (let index = 0; index < count; index += 1) {
    sheet.addRow(sociomileCells(benchTicket('whatsapp', index, 0))).commit()
  }
  sheet.commit()
  await workbook.commit()
}

/** Deskpro chats as one API page, `{"data": [chat, …]}`, as the JSON export writes them. */
export async function writeDeskproPage(path: string, count: number): Promise<void> {
  const out = createWriteStream(path)
  let chunk = '{"data":['
  for (let index = 0; index < count; index += 1) {
    chunk += (index === 0 ? '' : ',') + formatDeskproChat(benchTicket('livechat', index, 0)).trim()
    if (chunk.length >= 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain')
      chunk = ''
    }
  }
  out.end(`${chunk}]}\n`)
  await once(out, 'finish')
}
