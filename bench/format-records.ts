import type { BenchChannel, BenchTicket } from './bench-ticket.js'

const WIB_MS = 7 * 3600_000
const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** Wall-clock parts of an instant in WIB (UTC+7, no daylight saving). */
function wibParts(date: Date) {
  const w = new Date(date.getTime() + WIB_MS)
  return {
    dd: pad(w.getUTCDate()),
    mm: pad(w.getUTCMonth() + 1),
    yyyy: String(w.getUTCFullYear()),
    hh: pad(w.getUTCHours()),
    mi: pad(w.getUTCMinutes()),
  }
}

/** `dd/mm/yyyy HH:MM`, as Excel writes dates on an Indonesian-locale PC. */
function sociomileDate(date: Date | null): string {
  if (!date) return ''
  const p = wibParts(date)
  return `${p.dd}/${p.mm}/${p.yyyy} ${p.hh}:${p.mi}`
}

const SOCIOMILE_STATUS = {
  open: 'Baru',
  pending: 'Diproses',
  abandoned: 'Diproses',
  resolved: 'Selesai',
  spam: 'Spam',
}

/** The columns of a Sociomile export, in order (formats/whatsapp.md). */
export const SOCIOMILE_COLUMNS = [
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
]

/** The header line of a Sociomile export, BOM first. */
const SOCIOMILE_HEADER = `\uFEFF${SOCIOMILE_COLUMNS.join(';')}\r\n`

/** The cells of a Sociomile export's row, in SOCIOMILE_HEADER's order, as the export shows them. */
export function sociomileCells(t: BenchTicket): string[] {
  return [
    t.sourceTicketId,
    'WhatsApp',
    `Pelanggan ${t.index % 997}`,
    t.contact,
    t.subject,
    t.topic,
    t.segmentLabel,
    SOCIOMILE_STATUS[t.status],
    t.agent ?? '',
    sociomileDate(t.openedAt),
    sociomileDate(t.firstResponseAt),
    sociomileDate(t.closedAt),
  ]
}

/** One Sociomile CSV row: `;` separated, CRLF, the subject quoted (it holds a `;`). */
function formatSociomileRow(t: BenchTicket): string {
  const cells = sociomileCells(t)
  cells[4] = `"${cells[4]}"`
  return cells.join(';') + '\r\n'
}

/**
 * One Communication Manager CDR record in the default customized layout (formats/phone.md, A):
 * date and time of the call's end, duration, condition code 9 (answered) or H (abandoned).
 */
function formatCdrRecord(t: BenchTicket): string {
  const end = wibParts(t.closedAt ?? t.openedAt)
  const items = [
    `${end.dd}${end.mm}${end.yyyy.slice(2)}`,
    `${end.hh}${end.mi}`,
    String(t.durationSeconds).padStart(5),
    t.status === 'abandoned' ? 'H' : '9',
    ''.padEnd(4),
    ''.padEnd(4),
    '0701',
    '150420'.padEnd(18),
    t.contact.padEnd(15),
    '71001',
    pad(t.index % 1000, 3),
    t.sourceTicketId.padEnd(20),
  ]
  return `${items.join(' ')}\r\n`
}

const deskproDate = (date: Date | null) =>
  date ? date.toISOString().slice(0, 19).replace('T', ' ') : null

/** One Deskpro chat as an NDJSON line (formats/livechat.md), with a few messages. */
export function formatDeskproChat(t: BenchTicket): string {
  const ended = t.status !== 'pending' && t.status !== 'open'
  const created = deskproDate(t.openedAt)
  const chat = {
    id: Number(t.sourceTicketId),
    status: ended ? 'ended' : 'open',
    subject: t.subject,
    department: { id: 3, title: 'Layanan DJPK' },
    agent: t.agent ? { id: 40 + (t.index % 7), name: t.agent } : null,
    person: { id: 9000 + (t.index % 5000), name: `Pengunjung ${t.index % 997}`, email: t.contact },
    date_created: created,
    date_created_ts: Math.floor(t.openedAt.getTime() / 1000),
    date_first_agent_message: deskproDate(t.firstResponseAt),
    date_ended: deskproDate(t.closedAt),
    ended_by: ended ? 'user' : null,
    labels: [t.topic],
    custom_data: [{ title: 'Jenis Pengguna', value: t.segmentLabel }],
    messages: [
      { id: 1, date_created: created, person: 'user', message: t.subject },
      {
        id: 2,
        date_created: deskproDate(t.firstResponseAt),
        person: 'agent',
        message: 'Baik, kami bantu cek.',
      },
    ],
  }
  return `${JSON.stringify(chat)}\n`
}

export const FILE_HEADERS: Record<BenchChannel, string> = {
  whatsapp: SOCIOMILE_HEADER,
  phone: '',
  livechat: '',
}
export const FILE_EXTENSIONS: Record<BenchChannel, string> = {
  whatsapp: 'csv',
  phone: 'cdr',
  livechat: 'ndjson',
}
export const FORMATTERS: Record<BenchChannel, (t: BenchTicket) => string> = {
  whatsapp: formatSociomileRow,
  phone: formatCdrRecord,
  livechat: formatDeskproChat,
}
