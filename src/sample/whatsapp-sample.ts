import { nextMonth } from '../domain/wib-month.js'
import { createChannelResult, countConsultation, type ChannelResult } from './channel-result.js'
import { wibTime } from './clock.js'
import { csvLine } from './csv-line.js'
import { createCustomerPool, type Customer } from './customer.js'
import { openSink } from './file-sink.js'
import { plannedConsultations, SAMPLE_MONTHS } from './plan.js'
import type { Prng } from './prng.js'
import {
  BAD_ROW_KINDS,
  badRow,
  csvDateText,
  SOCIOMILE_CSV_HEADER,
  SOCIOMILE_XLSX_HEADER,
  ticketCells,
  type BadRowKind,
  type SociomileVocabulary,
} from './sociomile-rows.js'
import {
  createConsultation,
  createIdMaker,
  createSpam,
  type SociomileTicket,
} from './sociomile-tickets.js'
import { writeXlsx } from './sociomile-xlsx.js'

const BOM = '\uFEFF'
const CRLF = '\r\n'

/**
 * WhatsApp: one Sociomile export per month (CSV, `;`, BOM, CRLF; some months XLSX), plus in
 * some months a mid-month export whose open and pending tickets the month's export shows
 * resolved (same Ticket ID: they merge). Spam tickets, rows a correct adapter rejects and a
 * duplicated row come on top of the planned consultations.
 */
export async function writeWhatsappSample(outDir: string, prng: Prng): Promise<ChannelResult> {
  const result = createChannelResult()
  const pool = createCustomerPool(prng.fork('customers'), 5200)
  const nextId = createIdMaker(prng.fork('ids'))
  for (const [index, month] of SAMPLE_MONTHS.entries()) {
    const rng = prng.fork(month)
    const isLast = index === SAMPLE_MONTHS.length - 1
    const count = plannedConsultations(month, 'whatsapp')
    const tickets = Array.from({ length: count }, () =>
      createConsultation(rng, month, rng.pick(pool), nextId),
    )
    const spam = Array.from({ length: rng.int(2, 6) }, () =>
      createSpam(rng, month, rng.pick(pool), nextId),
    )
    const overlaps = index % 4 === 1 || isLast
    if (overlaps) {
      // Open at the mid-month export, marked as spam later: the later status wins.
      const late = createSpam(rng, month, rng.pick(pool), nextId, [13, 14])
      late.closedAt = wibTime(month, 15, 19, rng.int(0, 59))
      spam.push(late)
    }
    const all = [...tickets, ...spam].sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime())
    result.tickets += all.length
    countConsultation(result, month, count)

    if (overlaps) {
      const exportedAt = wibTime(month, 15, 16, 30)
      const rows = all
        .filter((ticket) => ticket.openedAt <= exportedAt)
        .map((ticket) => ({ ticket }))
      const name = `ticket-export-${month}-15.csv`
      result.files.push(await writeCsvExport(outDir, name, rng, rows, exportedAt, 'en'))
    }
    // The last month's export is taken on New Year's Eve: its latest tickets are still open.
    const exportedAt = isLast ? wibTime(month, 31, 23, 59, 59) : wibTime(nextMonth(month), 5, 9)
    if (index % 6 === 3) {
      result.files.push(
        await writeXlsxExport(outDir, `ticket-export-${month}.xlsx`, rng, all, exportedAt),
      )
      continue
    }
    const rows = withFlaws(rng, month, all, () => rng.pick(pool))
    result.rejects += rows.filter((row) => row.flaw).length
    const vocabulary: SociomileVocabulary = index % 3 === 2 ? 'id' : 'en'
    const name = `ticket-export-${month}.csv`
    result.files.push(await writeCsvExport(outDir, name, rng, rows, exportedAt, vocabulary))
  }
  return result
}

/** A row of a CSV export: a ticket, or a flawed row made from a spare ticket. */
interface ExportRow {
  ticket: SociomileTicket
  flaw?: BadRowKind
}

/**
 * The month's tickets with what hand-edited exports bring: now and then a row whose id Excel
 * mangled, whose id is gone, whose date is garbage or whose channel is not WhatsApp (each a
 * reject, made from a spare ticket that is not otherwise in the sample), and a row copied twice.
 */
function withFlaws(
  prng: Prng,
  month: string,
  tickets: readonly SociomileTicket[],
  pickCustomer: () => Customer,
): ExportRow[] {
  const rows: ExportRow[] = tickets.map((ticket) => ({ ticket }))
  for (const flaw of BAD_ROW_KINDS.filter(() => prng.chance(0.35))) {
    const spare = createConsultation(prng, month, pickCustomer(), () => prng.hex(24))
    rows.splice(prng.int(1, rows.length), 0, { ticket: spare, flaw })
  }
  if (prng.chance(0.5)) {
    const at = prng.int(0, rows.length - 1)
    if (!rows[at]!.flaw) rows.splice(at, 0, rows[at]!)
  }
  return rows
}

async function writeCsvExport(
  outDir: string,
  name: string,
  prng: Prng,
  rows: readonly ExportRow[],
  exportedAt: Date,
  vocabulary: SociomileVocabulary,
) {
  const sink = await openSink(outDir, 'whatsapp', name)
  await sink.write(BOM + csvLine(SOCIOMILE_CSV_HEADER, ';') + CRLF)
  const dateText = csvDateText(prng)
  let previous: ExportRow | null = null
  let previousLine = ''
  for (const row of rows) {
    // A row pasted twice is the same text twice.
    if (row === previous) {
      await sink.write(previousLine)
      continue
    }
    const cells = ticketCells(prng, row.ticket, exportedAt, vocabulary, dateText)
    const record = row.flaw
      ? badRow(prng, cells, row.flaw, String(row.ticket.openedAt.getUTCFullYear()))
      : [...cells.text, ...cells.dates, priority(prng)]
    previous = row
    previousLine = csvLine(record, ';') + CRLF
    await sink.write(previousLine)
  }
  return sink.close()
}

async function writeXlsxExport(
  outDir: string,
  name: string,
  prng: Prng,
  tickets: readonly SociomileTicket[],
  exportedAt: Date,
) {
  const rows = tickets.map((ticket) => {
    const cells = ticketCells(prng, ticket, exportedAt, 'id', (at) => at)
    return [...cells.text, ...cells.dates]
  })
  return writeXlsx(outDir, name, SOCIOMILE_XLSX_HEADER, rows, exportedAt)
}

function priority(prng: Prng): string {
  return prng.weighted([
    ['Normal', 8],
    ['Low', 1],
    ['High', 1],
  ] as const)
}
