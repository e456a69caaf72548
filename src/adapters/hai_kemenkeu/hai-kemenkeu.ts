import type { AdapterOutput } from '../../domain/adapter-output.js'
import { parseSourceDate } from '../../domain/source-date.js'
import { segmentOf } from '../../domain/segment.js'
import type { TicketStatus } from '../../domain/ticket-status.js'
import type { AdapterContext } from '../adapter.js'
import type { ColumnSpecs } from '../formats/header-aliases.js'
import { createTableAdapter, type TableRow } from '../table-adapter.js'
import { scoreTable, type TableSample } from '../table-score.js'
import { optionalDate } from '../optional-date.js'

/**
 * Header aliases of a HAI Kemenkeu ticket report (formats/hai-kemenkeu.md). The unit column is
 * required: the report covers every unit of the ministry, so without it DJPK's tickets cannot be
 * told apart. `Ref` needs no field: it stays in the raw record for display.
 */
const HAI_KEMENKEU_COLUMNS = {
  ticketId: { aliases: ['Ticket ID', 'ID'], required: true },
  unit: { aliases: ['Unit Eselon I Terkait', 'Department', 'Unit'], required: true },
  createdAt: { aliases: ['Date Created', 'Tanggal Dibuat'], required: true },
  firstResponseAt: { aliases: ['Date First Agent Reply'] },
  resolvedAt: { aliases: ['Date Resolved'] },
  status: { aliases: ['Status'] },
  agent: { aliases: ['Agent'] },
  problemTopic: { aliases: ['Topik Permasalahan'] },
  serviceCategory: { aliases: ['Kategori Layanan'] },
  segment: { aliases: ['Jenis Stakeholder', 'Asal Unit/Individu/Masyarakat'] },
  subject: { aliases: ['Subject'] },
} as const satisfies ColumnSpecs<string>

type HaiField = keyof typeof HAI_KEMENKEU_COLUMNS

/**
 * Deskpro ticket statuses, keyed after folding spaces and hyphens (`Awaiting Agent`) to `_`. A Map:
 * a status such as `constructor` must not find Object.prototype's member.
 */
const STATUS_MAP: ReadonlyMap<string, TicketStatus> = new Map([
  ['awaiting_agent', 'open'],
  ['new', 'open'],
  ['awaiting_user', 'pending'],
  ['in_progress', 'pending'],
  ['on_hold', 'pending'],
  ['resolved', 'resolved'],
  ['archived', 'resolved'],
  ['spam', 'spam'],
  ['deleted', 'spam'],
])
const NUMERIC_ID = /^\d+$/

export const parseHaiKemenkeu = createTableAdapter(
  'HAI Kemenkeu',
  HAI_KEMENKEU_COLUMNS,
  parseHaiKemenkeuRow,
)

function parseHaiKemenkeuRow(row: TableRow<HaiField>, ctx: AdapterContext): AdapterOutput {
  const { recordNumber, fields, raw } = row
  const reject = (reason: string): AdapterOutput => ({ kind: 'reject', recordNumber, reason, raw })

  if (!unitPatternOf(ctx.options.haiUnit).test(fields.unit)) {
    return { kind: 'skip', recordNumber, reason: 'other unit' }
  }
  if (!fields.ticketId) return reject('missing ticket id')
  if (!NUMERIC_ID.test(fields.ticketId)) return reject(`non-numeric ticket id: ${fields.ticketId}`)
  // The report screen writes naive times in UTC, not WIB (hai-kemenkeu.md: 18:30 UTC is December).
  const dateOptions = { zone: 'UTC', excelSerial: row.format === 'xlsx' } as const
  const openedAt = parseSourceDate(fields.createdAt, dateOptions)
  if (!openedAt) {
    return reject(
      fields.createdAt ? `unparseable Date Created: ${fields.createdAt}` : 'missing Date Created',
    )
  }
  const warnings: string[] = []
  const firstResponseAt = optionalDate(
    fields.firstResponseAt,
    'Date First Agent Reply',
    dateOptions,
    warnings,
  )
  const closedAt = optionalDate(fields.resolvedAt, 'Date Resolved', dateOptions, warnings)

  return {
    kind: 'ticket',
    recordNumber,
    ...(warnings.length > 0 && { warnings }),
    event: {
      channel: 'hai_kemenkeu',
      sourceTicketId: fields.ticketId,
      openedAt,
      firstResponseAt,
      closedAt,
      status: statusOf(fields.status),
      agent: fields.agent || null,
      topic: fields.problemTopic || fields.serviceCategory || fields.subject || null,
      segment: segmentOf(fields.segment, ctx.segmentMap),
      subject: fields.subject || null,
      customerKey: null,
      messageCount: null,
      raw: row.record,
    },
  }
}

/** Unknown or empty statuses count as pending: the ticket exists but its state is unclear. */
function statusOf(status: string): TicketStatus {
  return STATUS_MAP.get(statusKey(status)) ?? 'pending'
}

/** A status as STATUS_MAP keys it: lower case, runs of spaces and hyphens folded to `_`. */
function statusKey(status: string): string {
  return status.toLowerCase().replace(/[\s-]+/g, '_')
}

const unitPatterns = new Map<string, RegExp>()

/**
 * The configured unit as a whole word: `DJPK-Sekretariat` and `DJPK/DJPb` are DJPK tickets,
 * `DJPKX` is not. Letters and digits are the word characters (a plain `\b` also treats `_` as one).
 */
function unitPatternOf(unit: string): RegExp {
  let pattern = unitPatterns.get(unit)
  if (!pattern) {
    const escaped = unit.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu')
    unitPatterns.set(unit, pattern)
  }
  return pattern
}

/** How well a table fits a HAI Kemenkeu report; detect-channel.ts compares the channels' scores. */
export function scoreHaiKemenkeuTable(sample: TableSample): number | null {
  return scoreTable(sample, HAI_KEMENKEU_COLUMNS, {
    ticketId: (id) => NUMERIC_ID.test(id),
    status: (status) => STATUS_MAP.has(statusKey(status)),
  })
}
