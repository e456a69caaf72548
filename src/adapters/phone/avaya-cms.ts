import { parseSourceDate } from '../../domain/source-date.js'
import { settleCmsCalls, type CmsDisposition, type CmsSegment } from './avaya-cms-call.js'
import { defineAdapter } from '../define-adapter.js'
import type { ColumnSpecs } from '../formats/header-aliases.js'
import { tableRows, type TableRow } from '../table-adapter.js'
import { scoreTable, type TableSample } from '../table-score.js'

/** Columns of a CMS External Call History CSV (formats/phone.md, B); others are ignored. */
const CMS_COLUMNS = {
  callId: { aliases: ['callid', 'call id'], required: true },
  segment: { aliases: ['segment'], required: true },
  segStart: { aliases: ['segstart', 'segstart_utc'], required: true },
  segStop: { aliases: ['segstop', 'segstop_utc'] },
  ucid: { aliases: ['ucid'] },
  callingParty: { aliases: ['calling_pty', 'calling_num', 'ani'] },
  agentLogin: { aliases: ['anslogin'] },
  disposition: { aliases: ['disposition'], required: true },
} as const satisfies ColumnSpecs<string>

type CmsField = keyof typeof CMS_COLUMNS

/** CMS dispositions by code and by the name decoders print for it. */
const DISPOSITIONS: ReadonlyMap<string, CmsDisposition> = new Map([
  ['1', 'answered'],
  ['conn', 'answered'],
  ['2', 'answered'],
  ['ans', 'answered'],
  ['3', 'abandoned'],
  ['aban', 'abandoned'],
  ['5', 'abandoned'],
  ['fbusy', 'abandoned'],
  ['6', 'abandoned'],
  ['fdisc', 'abandoned'],
  ['4', 'interflow'],
  ['iflow', 'interflow'],
  ['7', 'other'],
  ['other', 'other'],
])

/**
 * CMS call records, one row per call segment, merged into one ticket per call. A call's segments
 * may be anywhere in the file, so valid segments are held until the end: memory grows with the
 * calls in the file, which this format forces. Rejects stream out as they are read; then every
 * segment yields its call's outcome, in file order.
 */
export const parseAvayaCms = defineAdapter<TableRow<CmsField> | { error: string }>({
  format: 'Avaya CMS',
  records: (input, ctx) => tableRows(input, ctx, CMS_COLUMNS),
  converter: (ctx) => {
    const segments: CmsSegment[] = []
    return {
      toOutputs: ({ value, recordNumber, raw }) => {
        if ('error' in value) throw new Error(`unreadable record: ${value.error}`)
        const segment = parseCmsSegment(recordNumber, value.fields, value.record)
        if (typeof segment === 'string') {
          return { kind: 'reject', recordNumber, reason: segment, raw }
        }
        segments.push(segment)
        return null
      },
      finish: () => settleCmsCalls(segments, ctx),
    }
  },
})

/** One row → a segment, or the reason it is rejected. */
function parseCmsSegment(
  recordNumber: number,
  fields: Record<CmsField, string>,
  record: Record<string, string>,
): CmsSegment | string {
  if (!fields.callId) return 'missing callid'
  if (!/^\d+$/.test(fields.segment)) {
    return fields.segment ? `unparseable segment "${fields.segment}"` : 'missing segment'
  }
  const startedAt = parseUnixSeconds(fields.segStart)
  if (!startedAt) {
    return fields.segStart
      ? `unparseable segstart "${fields.segStart}" (Unix seconds)`
      : 'missing segstart'
  }
  const disposition = DISPOSITIONS.get(fields.disposition.toLowerCase())
  if (!disposition) {
    return fields.disposition
      ? `unknown disposition "${fields.disposition}"`
      : 'missing disposition'
  }
  const warnings: string[] = []
  const stoppedAt = parseUnixSeconds(fields.segStop)
  if (fields.segStop && !stoppedAt) warnings.push(`unparseable segstop: ${fields.segStop}`)
  return {
    recordNumber,
    callId: fields.callId,
    segment: Number(fields.segment),
    startedAt,
    stoppedAt,
    ucid: fields.ucid,
    callingParty: fields.callingParty,
    agentLogin: fields.agentLogin,
    disposition,
    record,
    warnings,
  }
}

/** segstart/segstop are Unix seconds (UTC); nothing else is accepted. */
function parseUnixSeconds(text: string): Date | null {
  return /^\d+$/.test(text) ? parseSourceDate(text, { unixSeconds: true, zone: 'UTC' }) : null
}

/** How well a table fits a CMS call history; detect-channel.ts compares the channels' scores. */
export function scoreCmsTable(sample: TableSample): number | null {
  return scoreTable(sample, CMS_COLUMNS, {
    callId: (id) => /^\d+$/.test(id),
    segment: (segment) => /^\d+$/.test(segment),
    segStart: (seconds) => /^\d{9,10}$/.test(seconds),
    disposition: (disposition) => DISPOSITIONS.has(disposition.toLowerCase()),
  })
}
