import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stagedTicketRow, ticketStateOfRow } from '../../src/db/ticket-columns.js'
import { mergeTicketStates, stateOf, type TicketState } from '../../src/domain/merge-ticket.js'
import { SEGMENTS } from '../../src/domain/segment.js'
import { TICKET_STATUSES } from '../../src/domain/ticket-status.js'
import type { TicketEvent } from '../../src/domain/ticket-event.js'
import { blankEvent } from '../adapters/run-adapter.js'

const instant = fc.option(
  fc.date({
    min: new Date('1999-01-01T00:00:00Z'),
    max: new Date('2040-12-31T23:59:59.999Z'),
    noInvalidDate: true,
  }),
)
/** Text as a batch stages it: COPY's separators and escapes, other scripts, empty. */
const text = fc.option(
  fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 6 }),
        fc.constantFrom('\t', '\n', '\r', '\\', '\\N', '\\t', 'Å', '🙏', '-Infinity', ' '),
      ),
      { maxLength: 5 },
    )
    .map((parts) => parts.join('')),
)

const eventArb: fc.Arbitrary<TicketEvent> = fc.record({
  channel: fc.constantFrom('whatsapp', 'phone', 'email', 'hai_kemenkeu', 'livechat'),
  sourceTicketId: text.map((id) => id || 'T-1'),
  openedAt: instant,
  firstResponseAt: instant,
  closedAt: instant,
  status: fc.constantFrom(...TICKET_STATUSES),
  agent: text,
  topic: text,
  segment: fc.option(fc.constantFrom(...SEGMENTS)),
  subject: text,
  customerKey: text,
  messageCount: fc.option(fc.nat(100_000)),
  raw: fc.constant({}),
})

/** A ticket merged from one to four records of one id, as a batch holds it. */
const stateArb = fc.array(eventArb, { minLength: 1, maxLength: 4 }).map((events) =>
  events
    .map((event) => stateOf({ ...blankEvent(event.channel), ...event, channel: events[0]!.channel }))
    .map((state) => ({ ...state, event: { ...state.event, sourceTicketId: 'T-1' } }))
    .reduce((merged, state) => mergeTicketStates(merged, state)),
)

/** A state with its raw record left out, for comparing: a batch keeps raw records apart. */
const withoutRaw = (state: TicketState) => ({ ...state, event: { ...state.event, raw: {} } })

describe('a staged ticket row', () => {
  it('reads back as the merged ticket it was made from', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const row = stagedTicketRow(state)
        expect(row).not.toMatch(/[\n\r]/)
        expect(withoutRaw(ticketStateOfRow(row, state.rawSource.rank))).toEqual(withoutRaw(state))
      }),
      { numRuns: 2000 },
    )
  })

  it('merges read back as it merges kept whole', () => {
    fc.assert(
      fc.property(stateArb, stateArb, (one, other) => {
        const readBack = ticketStateOfRow(stagedTicketRow(one), one.rawSource.rank)
        expect(stagedTicketRow(mergeTicketStates(readBack, other))).toBe(
          stagedTicketRow(mergeTicketStates(one, other)),
        )
      }),
      { numRuns: 2000 },
    )
  })
})
