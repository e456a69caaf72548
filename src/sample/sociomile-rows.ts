import { wallClock } from './clock.js'
import { dayFirstText, isoNaiveText, namedMonthText } from './date-text.js'
import type { Prng } from './prng.js'
import { ticketAsOf, type SociomileStatus, type SociomileTicket } from './sociomile-tickets.js'

/** Status words of the English and the Indonesian Sociomile interface (formats/whatsapp.md). */
export type SociomileVocabulary = 'en' | 'id'

const STATUS_WORDS: Record<SociomileVocabulary, Record<SociomileStatus, readonly string[]>> = {
  en: {
    open: ['Open'],
    pending: ['Pending', 'On Progress'],
    resolved: ['Resolved', 'Resolved', 'Closed'],
    spam: ['Spam'],
  },
  id: { open: ['Baru'], pending: ['Diproses'], resolved: ['Selesai'], spam: ['Spam'] },
}

export const SOCIOMILE_CSV_HEADER = [
  'Ticket ID',
  'Channel',
  'Customer Name',
  'Customer Phone',
  'Subject',
  'Category',
  'Customer Type',
  'Status',
  'Agent',
  'Created At',
  'First Response At',
  'Resolved At',
  'Priority',
]
/** The Indonesian export names the same columns differently (all are header aliases). */
export const SOCIOMILE_XLSX_HEADER = [
  'ID Tiket',
  'Kanal',
  'Nama Pelanggan',
  'No HP',
  'Subjek',
  'Kategori',
  'Jenis Pengguna',
  'Status',
  'Agen',
  'Tanggal Dibuat',
  'Waktu Respon Pertama',
  'Tanggal Selesai',
]

/** A ticket's cells, as an export taken at `exportedAt` shows it; dates are left to the writer. */
export interface SociomileCells<D> {
  text: string[]
  dates: [D, D, D]
}

export function ticketCells<D>(
  prng: Prng,
  ticket: SociomileTicket,
  exportedAt: Date,
  vocabulary: SociomileVocabulary,
  formatDate: (at: Date | null) => D,
): SociomileCells<D> {
  const view = ticketAsOf(ticket, exportedAt)
  const channel = prng.weighted([
    ['WhatsApp', 85],
    ['WA', 10],
    ['whatsapp', 5],
  ] as const)
  return {
    text: [
      ticket.id,
      channel,
      ticket.customerName,
      ticket.phoneText,
      ticket.subject,
      ticket.category,
      ticket.segmentLabel,
      prng.pick(STATUS_WORDS[vocabulary][view.status]),
      ticket.agent,
    ],
    dates: [
      formatDate(ticket.openedAt),
      formatDate(view.firstResponseAt),
      formatDate(view.closedAt),
    ],
  }
}

/** Dates as CSV text: mostly day-first, sometimes with Indonesian month names or ISO-like. */
export function csvDateText(prng: Prng): (at: Date | null) => string {
  return (at) => {
    if (!at) return ''
    const clock = wallClock(at)
    return prng.weighted([
      [() => dayFirstText(clock), 60],
      [() => namedMonthText(clock), 14],
      [() => isoNaiveText(clock), 15],
      [() => namedMonthText(clock, true), 5],
      [() => dayFirstText(clock, true), 6],
    ] as const)()
  }
}

/** Rows a correct adapter rejects: Excel mangled the id, the id is gone, the date is garbage. */
export function badRow(
  prng: Prng,
  template: SociomileCells<string>,
  kind: BadRowKind,
  year: string,
): string[] {
  const cells = [...template.text, ...template.dates, 'Normal']
  switch (kind) {
    case 'mangled id':
      cells[0] = `${prng.int(1, 9)}${prng.pick(['.', ','])}${prng.int(10, 99)}E+23`
      break
    case 'missing id':
      cells[0] = ''
      break
    case 'bad date':
      cells[9] = prng.pick([
        '##########',
        `31/02/${year} 10:15`,
        `${year}-13-05 09:00:00`,
        'kemarin',
      ])
      break
    case 'other channel':
      cells[1] = prng.pick(['Instagram', 'Twitter', 'Email'])
      break
  }
  return cells
}

export const BAD_ROW_KINDS = ['mangled id', 'missing id', 'bad date', 'other channel'] as const
export type BadRowKind = (typeof BAD_ROW_KINDS)[number]
