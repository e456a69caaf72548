import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { recomputeMonths } from '../../src/db/rollups.js'
import type { Channel } from '../../src/domain/channel.js'
import type { TicketStatus } from '../../src/domain/ticket-status.js'
import { useTestDatabase } from '../support/database.js'
import { insertFacts, insertImport, readRollups, type Fact } from './rollups-facts.js'

const CHANNELS: Channel[] = ['whatsapp', 'email', 'livechat']
const STATUSES: TicketStatus[] = ['resolved', 'open', 'pending', 'abandoned', 'spam']

/**
 * Tickets with response times that make the median's edge cases: odd and even counts, equal
 * times, milliseconds, responses before opening, tickets without a response, non-consultations.
 */
function variedFacts(): Fact[] {
  let seed = 20211231
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed % n
  }
  const facts: Fact[] = []
  for (let i = 0; i < 600; i += 1) {
    const opened = Date.UTC(2021, 10, 20) + next(40 * 86_400) * 1000 + next(1000)
    const kind = next(10)
    const responseMs =
      kind === 0 ? null : kind === 1 ? -next(3_600_000) : kind < 5 ? next(20) * 60_000 : next(9e6)
    facts.push({
      id: `v${i}`,
      channel: CHANNELS[next(CHANNELS.length)]!,
      status: STATUSES[next(STATUSES.length)]!,
      openedAt: new Date(opened).toISOString(),
      firstResponseAt: responseMs === null ? null : new Date(opened + responseMs).toISOString(),
      topic: `T${next(12)}`,
    })
  }
  // One consultation alone in its month and channel, and two: the middle of two is their mean.
  facts.push(
    {
      id: 'one',
      channel: 'phone',
      openedAt: '2021-12-02T01:00:00Z',
      firstResponseAt: '2021-12-02T01:00:07.5Z',
    },
    {
      id: 'two-a',
      channel: 'hai_kemenkeu',
      openedAt: '2021-12-02T01:00:00Z',
      firstResponseAt: '2021-12-02T01:00:01Z',
    },
    {
      id: 'two-b',
      channel: 'hai_kemenkeu',
      openedAt: '2021-12-03T01:00:00Z',
      firstResponseAt: '2021-12-03T01:00:04Z',
    },
  )
  return facts
}

describe('first-response times', () => {
  const t = useTestDatabase()
  beforeAll(async () => {
    await insertFacts(t.db, await insertImport(t.db), variedFacts())
  })

  it('are exactly percentile_cont(0.5) and the mean over the responded consultations', async () => {
    await recomputeMonths(t.db, ['2021-11', '2021-12', '2022-01'])
    const { rows: expected } = await sql<Record<string, unknown>>`
      select month, channel, count(response) as responded,
        round((percentile_cont(0.5) within group (order by response))::numeric, 1) as median,
        round(avg(response), 1) as mean
      from (
        select to_char(opened_at at time zone 'Asia/Jakarta', 'YYYY-MM-01') as month, channel,
          case when status not in ('abandoned', 'spam') and first_response_at >= opened_at
            then extract(epoch from first_response_at - opened_at) end as response
        from ticket
      ) t
      group by month, channel
      order by month, channel
    `.execute(t.db)
    const actual = (await readRollups(t.db)).channelMonth.map((r) => ({
      month: r.month,
      channel: r.channel,
      responded: r.responded,
      median: r.first_response_median_seconds,
      mean: r.first_response_mean_seconds,
    }))
    expect(actual).toEqual(expected)
    expect(actual).toContainEqual({
      month: '2021-12-01',
      channel: 'hai_kemenkeu',
      responded: 2,
      median: 2.5,
      mean: 2.5,
    })
    expect(actual).toContainEqual({
      month: '2021-12-01',
      channel: 'phone',
      responded: 1,
      median: 7.5,
      mean: 7.5,
    })
    expect(new Set(actual.map((r) => r.responded % 2))).toEqual(new Set([0, 1]))
  })
})
