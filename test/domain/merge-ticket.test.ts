import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  mergeTicketEvents,
  mergeTicketRecords,
  mergeTicketStates,
  sameTicketFacts,
  stateOf,
  type TicketState,
} from '../../src/domain/merge-ticket.js'
import { SEGMENTS } from '../../src/domain/segment.js'
import type { TicketEvent } from '../../src/domain/ticket-event.js'
import { blankEvent } from '../adapters/run-adapter.js'
import { TICKET_STATUSES, type TicketStatus } from '../../src/domain/ticket-status.js'

const base: TicketEvent = { ...blankEvent('whatsapp'), sourceTicketId: 'T-1', raw: {} }
const event = (fields: Partial<TicketEvent>): TicketEvent => ({ ...base, ...fields })
const at = (iso: string) => new Date(iso)

const mergeAll = (events: readonly TicketEvent[]) => mergeTicketRecords(events)

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]]
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  )
}

const instant = fc.option(
  fc.date({
    min: at('2021-01-01T00:00:00Z'),
    max: at('2022-12-31T23:59:59Z'),
    noInvalidDate: true,
  }),
)
const text = (values: readonly string[]) => fc.constantFrom(null, '', ...values)

const recordArb = fc.record({
  openedAt: instant,
  firstResponseAt: instant,
  closedAt: instant,
  status: fc.constantFrom(...TICKET_STATUSES),
  agent: text(['Rina', 'Agus']),
  topic: text(['SIKD', 'Dana Alokasi Umum']),
  segment: fc.option(fc.constantFrom(...SEGMENTS)),
  subject: text(['Tanya DAU', 'Upload gagal']),
  customerKey: fc.option(fc.constantFrom('k1', 'k2')),
  messageCount: fc.option(fc.nat(50)),
})
const completeArb = fc.record({
  agent: fc.constantFrom('Rina', 'Agus'),
  topic: fc.constantFrom('SIKD', 'Dana Alokasi Umum'),
  segment: fc.constantFrom(...SEGMENTS),
  subject: fc.constantFrom('Tanya DAU', 'Upload gagal'),
  customerKey: fc.constantFrom('k1', 'k2'),
})
const rank = (status: TicketStatus) => TICKET_STATUSES.indexOf(status)
const highest = (statuses: readonly TicketStatus[]) =>
  statuses.reduce((a, b) => (rank(a) > rank(b) ? a : b))

/** The smallest or largest of the values present, as a Date for dates; null when none is. */
function extreme<T extends Date | number>(
  values: (T | null)[],
  pick: (...n: number[]) => number,
): T | null {
  const present = values.filter((v): v is T => v !== null)
  if (present.length === 0) return null
  const n = pick(...present.map(Number))
  return (present[0] instanceof Date ? new Date(n) : n) as T
}

/** Records of ticket T-1, each tagged in `raw` so the record a field came from can be told. */
const tagged = (records: readonly Partial<TicketEvent>[]) =>
  records.map((record, i) => event({ ...record, raw: { record: i } }))

/** 3–4 records with different statuses whose top-ranked record has every descriptive field. */
const rankedRecordsArb = fc
  .tuple(
    fc.shuffledSubarray([...TICKET_STATUSES], { minLength: 3, maxLength: 4 }),
    fc.array(recordArb, { minLength: 4, maxLength: 4 }),
    completeArb,
  )
  .map(([statuses, records, complete]) =>
    statuses.map((status, i) => ({
      ...records[i],
      status,
      ...(status === highest(statuses) && complete),
    })),
  )

describe('mergeTicketEvents: order independence', () => {
  it('takes earliest/latest times, top status and largest count in every order (ties, gaps)', () => {
    const pick = (e: TicketEvent) => ({
      openedAt: e.openedAt,
      firstResponseAt: e.firstResponseAt,
      closedAt: e.closedAt,
      status: e.status,
      messageCount: e.messageCount,
    })
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 3, maxLength: 4 }), (records) => {
        const events = tagged(records)
        const expected = {
          openedAt: extreme(
            events.map((e) => e.openedAt),
            Math.min,
          ),
          firstResponseAt: extreme(
            events.map((e) => e.firstResponseAt),
            Math.min,
          ),
          closedAt: extreme(
            events.map((e) => e.closedAt),
            Math.max,
          ),
          status: highest(events.map((e) => e.status)),
          messageCount: extreme(
            events.map((e) => e.messageCount),
            Math.max,
          ),
        }
        for (const order of permutations(events)) expect(pick(mergeAll(order))).toEqual(expected)
      }),
    )
  })

  it('gives the same whole ticket in every order when statuses differ and the top record is complete', () => {
    fc.assert(
      fc.property(rankedRecordsArb, (records) => {
        const events = tagged(records)
        const top = events.find((e) => e.status === highest(events.map((x) => x.status)))!
        const expected = mergeAll(events)
        expect(expected).toMatchObject({
          status: top.status,
          agent: top.agent,
          topic: top.topic,
          segment: top.segment,
          subject: top.subject,
          customerKey: top.customerKey,
          raw: top.raw,
        })
        for (const order of permutations(events)) expect(mergeAll(order)).toEqual(expected)
      }),
    )
  })

  it('gives the same whole ticket in every order, equal ranks, equal times, gaps and all', () => {
    const tiedArb = fc.array(
      recordArb.chain((record) =>
        fc
          .record({
            status: fc.constantFrom<TicketStatus>('resolved', 'abandoned'),
            closedAt: fc.option(
              fc.constantFrom(at('2021-12-01T03:00:00Z'), at('2021-12-01T04:00:00Z')),
            ),
          })
          .map((tie) => ({ ...record, ...tie })),
      ),
      { minLength: 2, maxLength: 4 },
    )
    fc.assert(
      fc.property(
        fc.oneof(fc.array(recordArb, { minLength: 2, maxLength: 4 }), tiedArb),
        (records) => {
          const events = tagged(records)
          const expected = mergeAll(events)
          for (const order of permutations(events)) expect(mergeAll(order)).toEqual(expected)
        },
      ),
    )
  })

  it('takes a missing field from the highest-ranked record that has it, in every order', () => {
    const records = tagged([
      { status: 'open', agent: 'Bot' },
      { status: 'resolved', agent: null },
      { status: 'pending', agent: 'Agus' },
    ])
    for (const order of permutations(records)) expect(mergeAll(order).agent).toBe('Agus')
  })
})

describe('mergeTicketEvents: rules', () => {
  it('takes the earliest opened and first response times and the latest closed time, ignoring gaps', () => {
    const a = event({
      openedAt: at('2021-12-01T02:00:00Z'),
      firstResponseAt: null,
      closedAt: at('2021-12-01T03:00:00Z'),
    })
    const b = event({
      openedAt: at('2021-12-01T01:59:59Z'),
      firstResponseAt: at('2021-12-01T02:10:00Z'),
      closedAt: at('2021-12-01T03:30:00Z'),
    })
    const c = event({ openedAt: null, firstResponseAt: at('2021-12-01T02:05:00Z'), closedAt: null })
    expect(mergeAll([a, b, c])).toMatchObject({
      openedAt: at('2021-12-01T01:59:59Z'),
      firstResponseAt: at('2021-12-01T02:05:00Z'),
      closedAt: at('2021-12-01T03:30:00Z'),
    })
    expect(mergeTicketEvents(event({}), event({}))).toMatchObject({
      openedAt: null,
      firstResponseAt: null,
      closedAt: null,
    })
  })

  it.each([
    ['open', 'pending', 'pending'],
    ['pending', 'abandoned', 'abandoned'],
    ['abandoned', 'resolved', 'resolved'],
    ['resolved', 'spam', 'spam'],
    ['open', 'spam', 'spam'],
  ] as const)('ranks %s below %s in either order', (lower, higher, expected) => {
    expect(mergeTicketEvents(event({ status: lower }), event({ status: higher })).status).toBe(
      expected,
    )
    expect(mergeTicketEvents(event({ status: higher }), event({ status: lower })).status).toBe(
      expected,
    )
  })

  it('takes descriptive fields and raw from the higher-ranked record, whichever comes first', () => {
    const answered = event({
      status: 'resolved',
      agent: 'Rina',
      topic: 'SIKD',
      segment: 'pemda',
      subject: 'Upload gagal',
      customerKey: 'k1',
      raw: { record: 'answered' },
    })
    const abandoned = event({
      status: 'abandoned',
      agent: 'Agus',
      topic: 'Dana Alokasi Umum',
      segment: 'mahasiswa',
      subject: 'Tanya DAU',
      customerKey: 'k2',
      raw: { record: 'abandoned' },
    })
    expect(mergeTicketEvents(answered, abandoned)).toEqual(answered)
    expect(mergeTicketEvents(abandoned, answered)).toEqual(answered)
  })

  it('keeps a non-empty value of the lower-ranked record where the winner has none', () => {
    const question = event({
      status: 'open',
      agent: 'Bot',
      topic: 'SIKD',
      segment: 'pemda',
      subject: 'Upload gagal',
      customerKey: 'k1',
      raw: { record: 'question' },
    })
    const reply = event({ status: 'resolved', agent: 'Rina', topic: '', raw: { record: 'reply' } })
    expect(mergeTicketEvents(question, reply)).toEqual({
      ...base,
      status: 'resolved',
      agent: 'Rina',
      topic: 'SIKD',
      segment: 'pemda',
      subject: 'Upload gagal',
      customerKey: 'k1',
      raw: { record: 'reply' },
    })
  })

  it('breaks a tie of status ranks by the later source activity time, in either order', () => {
    const earlyClose = event({
      status: 'resolved',
      closedAt: at('2021-12-01T03:00:00Z'),
      agent: 'Rina',
      topic: 'SIKD',
      raw: { record: 'early' },
    })
    const lateClose = event({
      status: 'resolved',
      closedAt: at('2021-12-01T04:00:00Z'),
      agent: 'Agus',
      topic: null,
      raw: { record: 'late' },
    })
    const expected = { ...lateClose, topic: 'SIKD' }
    expect(mergeTicketEvents(earlyClose, lateClose)).toEqual(expected)
    expect(mergeTicketEvents(lateClose, earlyClose)).toEqual(expected)
  })

  it('takes the activity time as closed, else first response, else opened', () => {
    const opened = event({ status: 'open', openedAt: at('2021-12-01T05:00:00Z'), topic: 'A' })
    const responded = event({
      status: 'open',
      openedAt: at('2021-12-01T01:00:00Z'),
      firstResponseAt: at('2021-12-01T04:00:00Z'),
      topic: 'B',
    })
    const closed = event({
      status: 'open',
      openedAt: at('2021-12-01T01:00:00Z'),
      firstResponseAt: at('2021-12-01T09:00:00Z'),
      closedAt: at('2021-12-01T03:00:00Z'),
      topic: 'C',
    })
    const noTime = event({ status: 'open', topic: 'Z' })
    for (const order of permutations([opened, responded, closed, noTime])) {
      expect(mergeAll(order).topic).toBe('A')
    }
    for (const order of permutations([responded, closed, noTime])) {
      expect(mergeAll(order).topic).toBe('B')
    }
    for (const order of permutations([closed, noTime])) expect(mergeAll(order).topic).toBe('C')
  })

  it('breaks a tie of rank and activity time by the greater value in code point order', () => {
    const same = { status: 'resolved', closedAt: at('2021-12-01T03:00:00Z') } as const
    // UTF-16 order would put U+FF21 (Ａ) after U+1F600 (😀); code point order puts it before.
    const pairs = [
      ['Dana Alokasi Umum', 'SIKD', 'SIKD'],
      ['SIKD', 'sikd', 'sikd'],
      ['\uFF21', '\u{1F600}', '\u{1F600}'],
      ['SIKD', 'SIKD 2', 'SIKD 2'],
    ] as const
    for (const [x, y, winner] of pairs) {
      const a = event({ ...same, topic: x })
      const b = event({ ...same, topic: y })
      expect(mergeTicketEvents(a, b).topic).toBe(winner)
      expect(mergeTicketEvents(b, a).topic).toBe(winner)
    }
  })

  it('takes the largest message count, ignoring a missing one', () => {
    expect(
      mergeAll([
        event({ messageCount: 3 }),
        event({ messageCount: null }),
        event({ messageCount: 7 }),
      ]).messageCount,
    ).toBe(7)
    expect(
      mergeTicketEvents(event({ messageCount: null }), event({ messageCount: null })).messageCount,
    ).toBeNull()
    expect(
      mergeTicketEvents(event({ messageCount: 0 }), event({ messageCount: null })).messageCount,
    ).toBe(0)
  })
})

describe('sameTicketFacts', () => {
  // The states as JSON, raw records aside, keys in one order.
  const facts = (s: TicketState) =>
    JSON.stringify([{ ...s.event, raw: null }, s.fieldSources], (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
        : value,
    )

  it('agrees with comparing the states as JSON, for records and their merges', () => {
    fc.assert(
      fc.property(recordArb, recordArb, fc.boolean(), (one, other, merge) => {
        const a = stateOf(event(one))
        const b = merge ? mergeTicketStates(a, stateOf(event(other))) : stateOf(event(other))
        expect(sameTicketFacts(a, b)).toBe(facts(a) === facts(b))
        expect(sameTicketFacts(a, a)).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })
})
