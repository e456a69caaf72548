import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stagedTicketRow } from '../../src/db/ticket-columns.js'
import { postgresFields } from '../../src/db/postgres-text.js'
import { mergeTicketStates, stateOf } from '../../src/domain/merge-ticket.js'
import { stageTicketOutput } from '../../src/domain/stage-output.js'
import type { TicketOutput } from '../../src/domain/adapter-output.js'
import type { TicketEvent } from '../../src/domain/ticket-event.js'
import { BatchBuilder, prepareBatch } from '../../src/jobs/prepare-batch.js'
import { blankEvent } from '../adapters/run-adapter.js'
import { ticketEventArb } from '../support/ticket-arbitraries.js'

const event = (id: string, fields: Partial<TicketEvent> = {}): TicketEvent => ({
  ...blankEvent('livechat'),
  sourceTicketId: id,
  openedAt: new Date('2021-12-01T01:00:00Z'),
  raw: { id },
  ...fields,
})

const ticket = (recordNumber: number, e: TicketEvent, skip = false): TicketOutput => ({
  kind: 'ticket',
  recordNumber,
  event: e,
  ...(skip && { skipReason: 'agent reply' as const }),
})

describe('prepareBatch', () => {
  it('merges the records of a ticket and tallies which of them changed it', () => {
    const batch = prepareBatch([
      ticket(1, event('a')),
      ticket(2, event('a', { status: 'resolved' })), // changes the ticket
      ticket(3, event('a')), // adds nothing
      ticket(4, event('b'), true), // skipped, yet the ticket is stored
      ticket(5, event('b', { agent: 'Rina' })), // the first counted record of b
      { kind: 'reject', recordNumber: 6, reason: 'missing ticket id', raw: 'x' },
      { kind: 'skip', recordNumber: 7, reason: 'outgoing call' },
    ])
    expect(batch.read).toBe(7)
    expect(batch.tickets).toEqual([
      { sourceTicketId: 'a', counted: 3, changedRepeats: 1 },
      { sourceTicketId: 'b', counted: 1, changedRepeats: 0 },
    ])
    expect(batch.skippedByReason).toEqual({ 'outgoing call': 1, 'agent reply': 1 })
    expect(batch.rejects.map((r) => r.recordNumber)).toEqual([6])
    const rows = Buffer.from(batch.stagedTickets).toString().split('\n').filter(Boolean)
    expect(rows).toHaveLength(2)
    expect(rows[0]!.split('\t').slice(0, 2)).toEqual(['livechat', 'a'])
    expect(rows[0]).toContain('\tresolved\t')
    expect(batch.sources).toEqual([
      expect.objectContaining({ channel: 'livechat', range: '1-5', count: 5 }),
    ])
    expect(JSON.parse(Buffer.from(batch.sources[0]!.json).toString())).toHaveLength(5)
  })

  it('turns a ticket whose id is too long for an id into a reject', () => {
    const batch = prepareBatch([ticket(1, event('x'.repeat(1000)))])
    expect(batch.tickets).toEqual([])
    expect(batch.stagedTickets.byteLength).toBe(0)
    expect(batch.rejects[0]?.reason).toMatch(/^ticket id longer than/)
  })

  it('keeps each raw record as JSON jsonb accepts: file text as it is, else serialized and cleaned', () => {
    const batch = prepareBatch([
      { ...ticket(1, event('a', { raw: { name: 'Ådi 🙏' } })), rawJson: '{"name": "Ådi 🙏"}' },
      ticket(2, event('b', { raw: { note: 'nul \0 and lone \ud800' } })),
      { ...ticket(3, event('c', { raw: { x: 1 } })), rawJson: '{"x":"\\ud800 \u0000"}' },
    ])
    const records = Buffer.from(batch.sources[0]!.json).toString('utf8')
    expect(records).toContain('["a",1,{"name": "Ådi 🙏"}]') // the file's text, spacing and all
    expect(JSON.parse(records)).toEqual([
      ['a', 1, { name: 'Ådi 🙏' }],
      ['b', 2, { note: 'nul  and lone \ufffd' }],
      ['c', 3, { x: 1 }],
    ])
  })

  it('closes the raw records once, however often the batch is built', () => {
    const builder = new BatchBuilder()
    builder.add(ticket(1, event('a')))
    const once = builder.build()
    expect(builder.build().sources).toEqual(once.sources)
    expect(JSON.parse(Buffer.from(once.sources[0]!.json).toString())).toHaveLength(1)
    expect(() => builder.add(ticket(2, event('b')))).toThrow(/added after its batch was built/)
  })

  it('is plain data: it survives a structured clone unchanged', () => {
    const batch = prepareBatch([ticket(1, event('a')), ticket(2, event('b'))])
    expect(structuredClone(batch)).toEqual(batch)
  })

  it('stages each ticket once, merged from all its records, in the order tickets first came', () => {
    // Records of a few tickets, interleaved: each ticket's row is written again as records come.
    const recordsArb = fc.array(
      fc.tuple(fc.constantFrom('a', 'b', 'c'), ticketEventArb, fc.boolean()),
      { minLength: 1, maxLength: 12 },
    )
    fc.assert(
      fc.property(recordsArb, (records) => {
        const events = records.map(([id, fields]) => ({
          ...fields,
          channel: 'livechat' as const,
          sourceTicketId: id,
        }))
        const batch = prepareBatch(events.map((e, i) => ticket(i + 1, e, records[i]![2])))
        const expected = new Map<string, ReturnType<typeof stateOf>>()
        for (const [i, e] of events.entries()) {
          // Staged as the batch stages a record: text Postgres takes, contacts redacted.
          const staged = stageTicketOutput(ticket(i + 1, postgresFields(e)))
          if (staged.kind !== 'ticket') continue
          const incoming = stateOf(staged.event)
          const before = expected.get(e.sourceTicketId)
          expected.set(e.sourceTicketId, before ? mergeTicketStates(before, incoming) : incoming)
        }
        const rows = [...expected.values()].map((state) => `${stagedTicketRow(state)}\n`)
        expect(Buffer.from(batch.stagedTickets).toString()).toBe(rows.join(''))
        expect(batch.tickets.map((t) => t.sourceTicketId)).toEqual([...expected.keys()])
      }),
      { numRuns: 1000 },
    )
  })

  it('rejects an output it cannot stage and keeps the batch whole around it', () => {
    // An adapter's bug: a status that is no text, or a raw record that cannot be written out.
    const circular: Record<string, unknown> = {}
    circular.self = circular
    const batch = prepareBatch([
      ticket(1, event('a')),
      ticket(2, event('b', { status: (() => 'open') as unknown as TicketEvent['status'] })),
      ticket(3, event('a', { status: 'resolved', raw: circular })),
      ticket(4, event('c')),
    ])
    expect(batch.read).toBe(4)
    expect(batch.rejects.map((r) => [r.recordNumber, r.reason.split(':')[0]])).toEqual([
      [2, 'could not be staged'],
      [3, 'could not be staged'],
    ])
    expect(batch.tickets.map((t) => [t.sourceTicketId, t.counted])).toEqual([
      ['a', 1],
      ['c', 1],
    ])
    const rows = Buffer.from(batch.stagedTickets).toString().split('\n').filter(Boolean)
    expect(rows.map((row) => row.split('\t').slice(1, 2)[0])).toEqual(['a', 'c'])
    expect(rows[0]).not.toContain('\tresolved\t')
    const sources = JSON.parse(Buffer.from(batch.sources[0]!.json).toString()) as unknown[][]
    expect(sources.map((record) => record[1])).toEqual([1, 4])
    expect(batch.sources[0]).toMatchObject({ count: 2 })
  })
})
