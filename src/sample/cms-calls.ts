import type { SkipReason } from '../domain/skip-reason.js'
import { pickContactTime, wallClock, wibTime } from './clock.js'
import type { Customer } from './customer.js'
import { AGENT_LOGINS } from './names.js'
import { callingNumber } from './phone-numbers.js'
import type { Prng } from './prng.js'

/** One CMS call segment (formats/phone.md, B). */
export interface CmsSegment {
  callid: number
  segment: number
  startAt: Date
  seconds: number
  ucid: string
  calling: string
  vdn: string
  split: string
  login: string
  /** 1 CONN, 2 ANS, 3 ABAN, 4 IFLOW, 5 FBUSY, 6 FDISC, 7 OTHER. */
  disposition: number
  talk: number
}

export interface CmsMonth {
  segments: CmsSegment[]
  tickets: number
  skipped: Partial<Record<SkipReason, number>>
}

type CallSegment = Omit<CmsSegment, 'callid' | 'segment'>

/**
 * A month of CMS call records: answered calls (some transferred into a second segment, some
 * interflowed before an agent answered, a few without UCID, one of those at 06:40 WIB on the
 * 1st, still the previous day in UTC), abandoned calls (3, 5, 6), and calls a correct adapter
 * skips (4 alone: interflow; 7: other disposition). Call ids restart every day.
 */
export function createCmsMonth(
  prng: Prng,
  month: string,
  answered: number,
  pickCustomer: () => Customer,
  nextUcid: (startAt: Date) => string,
): CmsMonth {
  const calls: CallSegment[][] = []
  const skipped: Partial<Record<SkipReason, number>> = {}
  const segment = (
    startAt: Date,
    seconds: number,
    disposition: number,
    calling: string,
    ucid: string,
  ): CallSegment => {
    const agent = disposition === 1 || disposition === 2
    return {
      startAt,
      seconds,
      ucid,
      calling,
      vdn: '71001',
      split: prng.pick(['5', '6']),
      login: agent ? prng.pick(AGENT_LOGINS) : '',
      disposition,
      talk: agent ? Math.max(0, seconds - prng.int(5, 30)) : 0,
    }
  }
  for (let i = 0; i < answered; i += 1) {
    const startAt =
      i === 0
        ? wibTime(month, 1, 6, prng.int(40, 55), prng.int(0, 59))
        : pickContactTime(prng, month)
    const calling = callingNumber(prng, pickCustomer().phone)
    const ucid = i === 0 || prng.chance(0.1) ? '' : nextUcid(startAt)
    const first = segment(startAt, prng.int(45, 900), prng.chance(0.9) ? 2 : 1, calling, ucid)
    const shape = prng.weighted([
      ['single', 92],
      ['transfer', 5],
      ['interflow', 3],
    ] as const)
    if (shape === 'single') {
      calls.push([first])
      continue
    }
    const lead =
      shape === 'interflow' ? { ...first, disposition: 4, login: '', talk: 0, seconds: 30 } : first
    const nextStart = new Date(startAt.getTime() + (lead.seconds - 10) * 1000)
    calls.push([lead, { ...segment(nextStart, prng.int(60, 600), 2, calling, ucid), vdn: '71002' }])
  }
  const abandoned = Math.round((answered * prng.int(15, 25)) / 100)
  for (let i = 0; i < abandoned; i += 1) {
    const startAt = pickContactTime(prng, month)
    const disposition = prng.weighted([
      [3, 7],
      [5, 2],
      [6, 1],
    ] as const)
    calls.push([
      segment(
        startAt,
        prng.int(4, 90),
        disposition,
        callingNumber(prng, pickCustomer().phone),
        nextUcid(startAt),
      ),
    ])
  }
  for (const [disposition, reason, count] of [
    [4, 'interflow', prng.int(2, 4)],
    [7, 'other disposition', prng.int(0, 2)],
  ] as const) {
    for (let i = 0; i < count; i += 1) {
      const startAt = pickContactTime(prng, month)
      calls.push([
        segment(
          startAt,
          prng.int(10, 60),
          disposition,
          callingNumber(prng, pickCustomer().phone),
          nextUcid(startAt),
        ),
      ])
      skipped[reason] = (skipped[reason] ?? 0) + 1
    }
  }
  return { segments: numberCalls(calls), tickets: answered + abandoned, skipped }
}

/** Call ids count up from 1001 each WIB day, in order of the calls' first segment. */
function numberCalls(calls: CallSegment[][]): CmsSegment[] {
  const ordered = [...calls].sort((a, b) => a[0]!.startAt.getTime() - b[0]!.startAt.getTime())
  const nextOfDay = new Map<number, number>()
  const segments = ordered.flatMap((call) => {
    const day = wallClock(call[0]!.startAt).day
    const callid = nextOfDay.get(day) ?? 1001
    nextOfDay.set(day, callid + 1)
    return call.map((part, i) => ({ ...part, callid, segment: i + 1 }))
  })
  return segments.sort((a, b) => a.startAt.getTime() - b.startAt.getTime())
}
