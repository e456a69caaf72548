import fc from 'fast-check'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { transactionWithClient } from '../../src/db/connect.js'
import type { AdapterOutput } from '../../src/domain/adapter-output.js'
import {
  DESCRIPTIVE_FIELDS,
  mergeTicketStates,
  stateOf,
  type TicketState,
} from '../../src/domain/merge-ticket.js'
import { SEGMENTS } from '../../src/domain/segment.js'
import type { TicketEvent } from '../../src/domain/ticket-event.js'
import { TICKET_STATUSES } from '../../src/domain/ticket-status.js'
import { storeBatch } from '../../src/jobs/store-batch.js'
import { prepareBatch } from '../../src/jobs/prepare-batch.js'
import { useTestDatabase } from '../support/database.js'
import { insertImport } from './rollups-facts.js'

/**
 * The merge exists twice: in TypeScript within a batch (domain/merge-ticket.ts) and in SQL
 * across batches (db/tickets.ts). Random records of a few tickets, loaded through the real
 * loader in random orders and random batch splits, must end as exactly the tickets the
 * TypeScript merge makes of all of them at once.
 */
describe('the SQL merge agrees with the TypeScript merge whatever the order and batch split', () => {
  const t = useTestDatabase()
  beforeAll(async () => {
    // As in a database created with a linguistic locale (where 'rina' sorts before 'Rina'), so
    // that the merge's own `collate "C"` is what makes it agree, not this server's default.
    const icu = await sql<{ name: string }>`
      select collname as name from pg_collation where collprovider = 'i' order by collname = 'und-x-icu' desc limit 1
    `.execute(t.db)
    const collation = icu.rows[0]?.name
    if (!collation) return
    for (const column of ['agent', 'topic', 'subject', 'customer_key', 'segment']) {
      await sql`alter table ticket alter column ${sql.ref(column)} type text collate ${sql.id(collation)}`.execute(
        t.db,
      )
    }
  })

  // Few distinct values, so that equal ranks, equal activity times and equal values are common.
  const instant = fc.option(
    fc.constantFrom(
      new Date('2021-12-01T02:00:00.000Z'),
      new Date('2021-12-01T02:00:00.001Z'),
      new Date('2021-12-31T17:30:00Z'),
    ),
  )
  // Code point order differs from UTF-16 order between U+FF21 and U+1F600; case and prefixes too.
  const text = fc.constantFrom(null, '', 'Rina', 'rina', 'Rina ', '\uFF21gus', '\u{1F600}', 'Ägus')
  const recordArb = fc.record({
    id: fc.constantFrom('T-1', 'T-2', 'T-3'),
    openedAt: instant,
    firstResponseAt: instant,
    closedAt: instant,
    status: fc.constantFrom('pending', 'resolved', ...TICKET_STATUSES),
    agent: text,
    topic: text,
    segment: fc.option(fc.constantFrom(...SEGMENTS)),
    subject: text,
    customerKey: text,
    messageCount: fc.option(fc.nat(5)),
  })
  type RecordFields = typeof recordArb extends fc.Arbitrary<infer R> ? R : never
  type CaseValue = [RecordFields[], RecordFields[], boolean[], RecordFields[]]
  const caseArb = fc
    .array(recordArb, { minLength: 1, maxLength: 6 })
    .chain((records) =>
      fc.tuple(
        fc.constant(records),
        fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }),
        fc.array(fc.boolean(), { minLength: records.length, maxLength: records.length }),
        fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }),
      ),
    )

  /**
   * Records of one batch whose field comes from another record than the raw text does, one with
   * no time and one with: the loader stages such a field's time apart.
   */
  const blank: RecordFields = {
    id: 'T-1',
    openedAt: null,
    firstResponseAt: null,
    closedAt: null,
    status: 'resolved',
    agent: null,
    topic: null,
    segment: null,
    subject: null,
    customerKey: null,
    messageCount: null,
  }
  const closed = new Date('2021-12-01T02:00:00Z')
  const apart: RecordFields[][] = [
    [
      { ...blank, closedAt: closed },
      { ...blank, agent: 'Rina' },
    ],
    [{ ...blank, closedAt: closed, status: 'open', agent: 'Rina' }, blank],
  ]
  const fieldTimeApartFromRecord = apart.map((records): [CaseValue] => [
    [records, records, records.map(() => false), records],
  ])

  const eventOf = ({ id, ...fields }: RecordFields): TicketEvent => ({
    channel: 'livechat',
    sourceTicketId: id,
    ...fields,
    raw: { id },
  })

  /** Every stored fact of a ticket and where each descriptive field came from. */
  const factsOf = (state: TicketState) => ({
    id: state.event.sourceTicketId,
    openedAt: state.event.openedAt,
    firstResponseAt: state.event.firstResponseAt,
    closedAt: state.event.closedAt,
    status: state.event.status,
    messageCount: state.event.messageCount,
    ...Object.fromEntries(
      DESCRIPTIVE_FIELDS.map((field) => [
        field,
        [
          state.event[field] || null,
          state.fieldSources[field].rank,
          state.fieldSources[field].activityAt,
        ],
      ]),
    ),
  })

  /** The TypeScript merge alone: all records of each ticket folded in the order given. */
  function mergedInMemory(events: readonly TicketEvent[]) {
    const states = new Map<string, TicketState>()
    for (const event of events) {
      const before = states.get(event.sourceTicketId)
      states.set(
        event.sourceTicketId,
        before ? mergeTicketStates(before, stateOf(event)) : stateOf(event),
      )
    }
    return [...states.values()].map(factsOf).sort((a, b) => (a.id < b.id ? -1 : 1))
  }

  let loads = 0
  /** Loads the events in batches (a batch ends after each `true` in `cuts`), from an empty table. */
  async function mergedInDatabase(events: readonly TicketEvent[], cuts: readonly boolean[]) {
    await sql`delete from ticket`.execute(t.db)
    const importId = await insertImport(t.db)
    loads += 1
    const file = {
      importId,
      fileSha256: loads.toString(16).padStart(64, '0'),
      adapterVersion: 'test@1',
    }
    let batch: AdapterOutput[] = []
    const flush = async () => {
      if (batch.length === 0) return
      const outputs = batch
      batch = []
      await transactionWithClient(t.db, (trx) => storeBatch(trx, file, prepareBatch(outputs)))
    }
    for (const [index, event] of events.entries()) {
      batch.push({ kind: 'ticket', recordNumber: index + 1, event })
      if (cuts[index]) await flush()
    }
    await flush()
    const rows = await t.db.selectFrom('ticket').selectAll().orderBy('source_ticket_id').execute()
    return rows.map((row) => ({
      id: row.source_ticket_id,
      openedAt: row.opened_at,
      firstResponseAt: row.first_response_at,
      closedAt: row.closed_at,
      status: row.status,
      messageCount: row.message_count,
      agent: [row.agent, row.agent_rank, row.agent_activity_at],
      topic: [row.topic, row.topic_rank, row.topic_activity_at],
      segment: [row.segment, row.segment_rank, row.segment_activity_at],
      subject: [row.subject, row.subject_rank, row.subject_activity_at],
      customerKey: [row.customer_key, row.customer_key_rank, row.customer_key_activity_at],
    }))
  }

  it('ends with the same tickets from TypeScript alone, random batches, and one record per batch', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ([records, shuffled, cuts, reshuffled]) => {
        const expected = mergedInMemory(records.map(eventOf))
        expect(mergedInMemory(shuffled.map(eventOf))).toEqual(expected)
        expect(await mergedInDatabase(shuffled.map(eventOf), cuts)).toEqual(expected)
        const oneByOne = reshuffled.map(() => true)
        expect(await mergedInDatabase(reshuffled.map(eventOf), oneByOne)).toEqual(expected)
      }),
      { numRuns: 60, examples: fieldTimeApartFromRecord },
    )
  }, 120_000)
})
