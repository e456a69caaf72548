import type { AdapterOutput } from '../../domain/adapter-output.js'
import type { SkipReason } from '../../domain/skip-reason.js'
import type { TicketEvent } from '../../domain/ticket-event.js'
import { WIB_OFFSET_MS } from '../../domain/wib-month.js'
import type { AdapterContext } from '../adapter.js'

export type CmsDisposition = 'answered' | 'abandoned' | 'interflow' | 'other'

/** One valid row of a CMS call-record export. */
export interface CmsSegment {
  recordNumber: number
  callId: string
  segment: number
  startedAt: Date
  stoppedAt: Date | null
  ucid: string
  callingParty: string
  agentLogin: string
  disposition: CmsDisposition
  /** The row, header → value. */
  record: Record<string, string>
  warnings: string[]
}

type CallOutcome = { kind: 'ticket'; event: TicketEvent } | { kind: 'skip'; reason: SkipReason }

const DAY_MS = 86_400_000

/**
 * Merges the segments into calls and yields one output per segment, in file order: every
 * segment of a ticket call carries the same merged event (the loader dedupes them), every
 * segment of a skipped call a skip (formats/phone.md, B).
 */
export function* settleCmsCalls(
  segments: readonly CmsSegment[],
  ctx: AdapterContext,
): Generator<AdapterOutput> {
  const outcomes = new Map<CmsSegment, CallOutcome>()
  for (const call of groupCmsCalls(segments)) {
    const outcome = settleCmsCall(call, ctx)
    for (const segment of call) outcomes.set(segment, outcome)
  }
  for (const segment of segments) {
    const outcome = outcomes.get(segment)
    const { recordNumber, warnings } = segment
    if (outcome?.kind === 'ticket') {
      yield {
        kind: 'ticket',
        recordNumber,
        event: outcome.event,
        ...(warnings.length > 0 && { warnings }),
      }
    } else if (outcome) {
      yield { kind: 'skip', recordNumber, reason: outcome.reason }
    }
  }
}

/**
 * Segments of one call, each call ordered by start. A UCID names one call for good. A callid is
 * unique within a day only (fixtures/phone/cms-reused-callid.csv): segments of one callid are
 * a new call once they start a day after the call's first segment, or repeat a segment number
 * at another time.
 */
function groupCmsCalls(segments: readonly CmsSegment[]): CmsSegment[][] {
  const byUcid = new Map<string, CmsSegment[]>()
  const byCallId = new Map<string, CmsSegment[]>()
  for (const segment of segments) {
    const [groups, key] = segment.ucid ? [byUcid, segment.ucid] : [byCallId, segment.callId]
    const group = groups.get(key)
    if (group) group.push(segment)
    else groups.set(key, [segment])
  }
  const calls = [...byUcid.values()].map(sortByStart)
  for (const group of byCallId.values()) {
    const split: CmsSegment[][] = []
    for (const segment of sortByStart(group)) {
      const call = split.at(-1)
      if (call && continuesCall(call, segment)) call.push(segment)
      else split.push([segment])
    }
    calls.push(...split)
  }
  return calls
}

function continuesCall(call: readonly CmsSegment[], segment: CmsSegment): boolean {
  const first = call[0]
  if (!first || segment.startedAt.getTime() - first.startedAt.getTime() >= DAY_MS) return false
  return !call.some(
    (other) =>
      other.segment === segment.segment &&
      other.startedAt.getTime() !== segment.startedAt.getTime(),
  )
}

function sortByStart(segments: CmsSegment[]): CmsSegment[] {
  return segments.sort(
    (a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.segment - b.segment,
  )
}

/** A call (segments ordered by start) → its merged ticket, or why it is skipped. */
function settleCmsCall(call: readonly CmsSegment[], ctx: AdapterContext): CallOutcome {
  const first = call[0]
  if (!first) throw new RangeError('a CMS call has at least one segment')
  const answered = call.filter((segment) => segment.disposition === 'answered')
  const abandoned = call.some((segment) => segment.disposition === 'abandoned')
  if (answered.length === 0 && !abandoned) {
    const interflow = call.some((segment) => segment.disposition === 'interflow')
    return { kind: 'skip', reason: interflow ? 'interflow' : 'other disposition' }
  }
  const stops = call.flatMap((segment) => (segment.stoppedAt ? [segment.stoppedAt.getTime()] : []))
  return {
    kind: 'ticket',
    event: {
      channel: 'phone',
      sourceTicketId: first.ucid || `${first.callId}-${wibDate(first.startedAt)}`,
      openedAt: first.startedAt,
      firstResponseAt: null,
      closedAt: stops.length > 0 ? new Date(Math.max(...stops)) : null,
      status: answered.length > 0 ? 'resolved' : 'abandoned',
      // The earliest answered segment's login; a later one only when that one is empty.
      agent: answered.find((segment) => segment.agentLogin)?.agentLogin ?? null,
      topic: null,
      segment: null,
      subject: null,
      customerKey: ctx.customerKey(call.find((segment) => segment.callingParty)?.callingParty),
      messageCount: null,
      raw: { segments: call.map((segment) => segment.record) },
    },
  }
}

/** `yyyymmdd` of the instant's calendar day in WIB. */
function wibDate(instant: Date): string {
  return new Date(instant.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '')
}
