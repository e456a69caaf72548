import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stagedTicketRow, ticketStateOfRow } from '../../src/db/ticket-columns.js'
import { mergeTicketStates, stateOf, type TicketState } from '../../src/domain/merge-ticket.js'
import { blankEvent } from '../adapters/run-adapter.js'
import { ticketEventArb as eventArb } from '../support/ticket-arbitraries.js'

/** A ticket merged from one to four records of one id, as a batch holds it. */
const stateArb = fc.array(eventArb, { minLength: 1, maxLength: 4 }).map((events) =>
  events
    .map((event) =>
      stateOf({ ...blankEvent(event.channel), ...event, channel: events[0]!.channel }),
    )
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
