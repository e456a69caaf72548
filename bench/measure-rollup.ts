import { sql } from 'kysely'
import type { Db } from '../src/db/connect.js'
import { recomputeMonths } from '../src/db/rollups.js'
import { wibMonthStart, nextMonth } from '../src/domain/wib-month.js'

export interface RollupTimes {
  facts: number
  generateSeconds: number
  oneMonth: { rollup: number; groupBy: number }
  allMonths: { rollup: number; groupBy: number }
}

const MONTHS = Array.from({ length: 12 }, (_, i) => `2021-${String(i + 1).padStart(2, '0')}`)
const ONE_MONTH = '2021-06'

/**
 * Fills the fact table with `facts` tickets straight in SQL (spread over 2021, every channel,
 * status, segment and topic), then times the rollup of one month and of all months against a
 * bare GROUP BY over the same rows. Each is run twice and the faster run counts (warm cache).
 */
export async function measureRollup(db: Db, facts: number): Promise<RollupTimes> {
  const generateSeconds = await time(() => generateFacts(db, facts))
  const start = wibMonthStart(ONE_MONTH)
  const end = wibMonthStart(nextMonth(ONE_MONTH))
  const groupOneMonth = () =>
    sql`select channel, status, count(*) from ticket where opened_at >= ${start} and opened_at < ${end} group by 1, 2`.execute(
      db,
    )
  const groupAllMonths = () =>
    sql`select date_trunc('month', opened_at at time zone 'Asia/Jakarta'), channel, status, count(*) from ticket group by 1, 2, 3`.execute(
      db,
    )
  return {
    facts,
    generateSeconds,
    oneMonth: {
      rollup: await best(() => recomputeMonths(db, [ONE_MONTH])),
      groupBy: await best(groupOneMonth),
    },
    allMonths: {
      rollup: await best(() => recomputeMonths(db, MONTHS)),
      groupBy: await best(groupAllMonths),
    },
  }
}

async function generateFacts(db: Db, facts: number): Promise<void> {
  const { id } = await db
    .insertInto('import')
    .values({
      channel: 'whatsapp',
      path: 'bench',
      sha256: '0'.repeat(64),
      adapter_version: 'bench@1',
      status: 'succeeded',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const chunk = 1_000_000
  for (let from = 1; from <= facts; from += chunk) {
    const to = Math.min(facts, from + chunk - 1)
    await sql`
      insert into ticket (channel, source_ticket_id, opened_at, first_response_at, closed_at, status,
        status_rank, agent, topic, segment, subject, customer_key, message_count, import_id, adapter_version)
      select (array['whatsapp','phone','email','hai_kemenkeu','livechat'])[1 + n % 5], 'b' || n, o.at,
        o.at + (n % 600) * interval '1 second', o.at + interval '20 minutes', s.status, s.rank,
        'agent ' || n % 40, 'topic ' || n % 30,
        (array['pemda','kementerian_lembaga','mahasiswa','lainnya'])[1 + n % 4],
        'subject ' || n, md5(n::text), null, ${id}::bigint, 'bench@1'
      from generate_series(${from}::int, ${to}::int) as n
      cross join lateral (select timestamptz '2020-12-31 17:00+00' + (hashint4(n)::bigint & 2147483647) % 31536000 * interval '1 second' as at) o
      cross join lateral (select (array['open','pending','abandoned','resolved','spam'])[1 + n % 5] as status, (n % 5)::smallint as rank) s
    `.execute(db)
  }
  await sql`vacuum analyze ticket`.execute(db)
}

async function time(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await action()
  return (performance.now() - started) / 1000
}

async function best(action: () => Promise<unknown>): Promise<number> {
  return Math.min(await time(action), await time(action))
}
