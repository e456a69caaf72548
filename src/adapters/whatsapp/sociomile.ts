import type { AdapterOutput } from '../../domain/adapter-output.js'
import { parseSourceDate } from '../../domain/source-date.js'
import { segmentOf } from '../../domain/segment.js'
import type { TicketStatus } from '../../domain/ticket-status.js'
import type { AdapterContext } from '../adapter.js'
import type { ColumnSpecs } from '../formats/header-aliases.js'
import { createTableAdapter, type TableRow } from '../table-adapter.js'
import { scoreTable, type TableSample } from '../table-score.js'
import { optionalDate } from '../optional-date.js'

/** Header aliases of a Sociomile ticket export (formats/whatsapp.md). */
export const SOCIOMILE_COLUMNS = {
  ticketId: { aliases: ['Ticket ID', 'ID Tiket', 'No Tiket', 'Ticket Number'], required: true },
  channel: { aliases: ['Channel', 'Kanal'] },
  createdAt: {
    aliases: ['Created At', 'Tanggal Dibuat', 'Waktu Dibuat', 'Created Date'],
    required: true,
  },
  firstResponseAt: { aliases: ['First Response At', 'Waktu Respon Pertama'] },
  closedAt: { aliases: ['Resolved At', 'Closed At', 'Tanggal Selesai'] },
  status: { aliases: ['Status'] },
  agent: { aliases: ['Agent', 'Agen', 'Assigned To'] },
  topic: { aliases: ['Category', 'Kategori', 'Topik', 'Topic'] },
  segment: { aliases: ['Customer Type', 'Jenis Pengguna', 'Kategori Pengguna', 'Segment'] },
  customer: { aliases: ['Customer Phone', 'No HP', 'Nomor WhatsApp', 'Phone'] },
  subject: { aliases: ['Subject', 'Subjek', 'Pertanyaan'] },
} as const satisfies ColumnSpecs<string>

type SociomileField = keyof typeof SOCIOMILE_COLUMNS

/** A Map, not an object: a status such as `constructor` must not hit Object.prototype. */
const STATUS_MAP: ReadonlyMap<string, TicketStatus> = new Map([
  ['open', 'open'],
  ['baru', 'open'],
  ['pending', 'pending'],
  ['on progress', 'pending'],
  ['diproses', 'pending'],
  ['resolved', 'resolved'],
  ['closed', 'resolved'],
  ['selesai', 'resolved'],
  ['spam', 'spam'],
])
const WHATSAPP_VALUES = new Set(['whatsapp', 'wa'])
/** Excel turns long numeric ids into `6.49E+23` / `6,49E+23`: the digits are gone for good. */
const EXCEL_MANGLED_ID = /^\d+(?:[.,]\d+)?E\+\d+$/i

export const parseSociomile = createTableAdapter('Sociomile', SOCIOMILE_COLUMNS, parseSociomileRow)

function parseSociomileRow(row: TableRow<SociomileField>, ctx: AdapterContext): AdapterOutput {
  const { recordNumber, fields, raw } = row
  const reject = (reason: string): AdapterOutput => ({ kind: 'reject', recordNumber, reason, raw })

  if (!fields.ticketId) return reject('missing ticket id')
  if (EXCEL_MANGLED_ID.test(fields.ticketId)) return reject('id mangled by Excel')
  if (fields.channel && !WHATSAPP_VALUES.has(fields.channel.toLowerCase())) {
    return reject(`unsupported channel: ${fields.channel}`)
  }
  const dateOptions = { zone: 'WIB', excelSerial: row.format === 'xlsx' } as const
  const openedAt = parseSourceDate(fields.createdAt, dateOptions)
  if (!openedAt) {
    return reject(
      fields.createdAt ? `unparseable Created At: ${fields.createdAt}` : 'missing Created At',
    )
  }
  const warnings: string[] = []
  const firstResponseAt = optionalDate(
    fields.firstResponseAt,
    'First Response At',
    dateOptions,
    warnings,
  )
  const closedAt = optionalDate(fields.closedAt, 'Resolved At', dateOptions, warnings)

  return {
    kind: 'ticket',
    recordNumber,
    ...(warnings.length > 0 && { warnings }),
    event: {
      channel: 'whatsapp',
      sourceTicketId: fields.ticketId,
      openedAt,
      firstResponseAt,
      closedAt,
      status: STATUS_MAP.get(fields.status.toLowerCase()) ?? 'pending',
      agent: fields.agent || null,
      topic: fields.topic || null,
      segment: segmentOf(fields.segment, ctx.segmentMap),
      subject: fields.subject || null,
      customerKey: ctx.customerKey(fields.customer),
      messageCount: null,
      raw: row.record,
    },
  }
}

/** Sociomile's own ids: 24 hex digits (a MongoDB ObjectId). */
const SOCIOMILE_ID = /^[0-9a-f]{24}$/i

/** How well a table fits a Sociomile export; detect-channel.ts compares the channels' scores. */
export function scoreSociomileTable(sample: TableSample): number | null {
  return scoreTable(sample, SOCIOMILE_COLUMNS, {
    ticketId: (id) => SOCIOMILE_ID.test(id),
    channel: (value) => WHATSAPP_VALUES.has(value.toLowerCase()),
    status: (value) => STATUS_MAP.has(value.toLowerCase()),
  })
}
