import { sql, type Transaction } from 'kysely'
import { compareCodePoints } from '../domain/compare-code-points.js'
import { OTHER_TOPIC } from '../domain/topic.js'
import { classifyTicketTopic, matchTopic, type TopicTaxonomy } from '../domain/topic-taxonomy.js'
import type { MonthBounds } from './month-bounds.js'
import type { Database } from './schema.js'
import {
  NOT_CONSULTATION,
  WIB_MONTH,
  ticketsOfMonths,
  type RawTopicCount,
} from './ticket-month-rollups.js'

/** How many topics reporting.topic_month keeps per month × channel. */
const TOP_TOPICS = 10

type Trx = Transaction<Database>

interface TopicMonthRow {
  month: string
  channel: string
  rank: number
  topic: string
  label: string
  consultations: number
}

/**
 * The rows of reporting.topic_month (as JSON text) from the consultations per raw topic: each
 * raw topic mapped by the taxonomy, counts summed per code, ranked by count and then code (code
 * points, as `collate "C"`), the first TOP_TOPICS kept. Tickets without a raw topic have no
 * topic; one no rule knows is `lainnya`. A raw topic that names `lainnya` (a HAI service
 * category, a Deskpro department) lets each ticket's subject decide: those tickets alone are
 * read again, grouped by subject, so the main rollup never groups by subject (unique per ticket).
 */
export async function rankTopicMonths(
  trx: Trx,
  b: MonthBounds,
  rawTopics: readonly RawTopicCount[],
  taxonomy: TopicTaxonomy,
): Promise<string> {
  // null: the raw topic names lainnya, so each ticket's subject decides.
  const codes = new Map<string, string | null>()
  for (const { topic } of rawTopics) {
    if (codes.has(topic)) continue
    const code = matchTopic(taxonomy, topic)
    codes.set(topic, code === OTHER_TOPIC ? null : (code ?? OTHER_TOPIC))
  }
  const needSubject = [...codes].filter(([, code]) => code === null).map(([topic]) => topic)
  const counted: { month: string; channel: string; code: string; consultations: number }[] = []
  for (const row of rawTopics) {
    const code = codes.get(row.topic)
    if (code) counted.push({ ...row, code })
  }
  for (const row of await countBySubject(trx, b, needSubject)) {
    counted.push({ ...row, code: classifyTicketTopic(taxonomy, row.topic, row.subject).code })
  }
  return JSON.stringify(rankCounts(counted, taxonomy))
}

function rankCounts(
  counted: readonly { month: string; channel: string; code: string; consultations: number }[],
  taxonomy: TopicTaxonomy,
): TopicMonthRow[] {
  const sums = new Map<string, { month: string; channel: string; code: string; total: number }>()
  for (const { month, channel, code, consultations } of counted) {
    const key = `${month}\n${channel}\n${code}`
    const sum = sums.get(key) ?? { month, channel, code, total: 0 }
    sum.total += consultations
    sums.set(key, sum)
  }
  const groups = new Map<
    string,
    { month: string; channel: string; code: string; total: number }[]
  >()
  for (const sum of sums.values()) {
    const key = `${sum.month}\n${sum.channel}`
    const group = groups.get(key)
    if (group) group.push(sum)
    else groups.set(key, [sum])
  }
  return [...groups.values()].flatMap((group) =>
    group
      .sort((x, y) => y.total - x.total || compareCodePoints(x.code, y.code))
      .slice(0, TOP_TOPICS)
      .map((sum, i) => ({
        month: sum.month,
        channel: sum.channel,
        rank: i + 1,
        topic: sum.code,
        label: taxonomy.labels.get(sum.code) ?? sum.code,
        consultations: sum.total,
      })),
  )
}

/** Consultations per month, channel, raw topic and subject, for the given raw topics only. */
async function countBySubject(
  trx: Trx,
  b: MonthBounds,
  topics: readonly string[],
): Promise<(RawTopicCount & { subject: string | null })[]> {
  if (topics.length === 0) return []
  const { rows } = await sql<RawTopicCount & { subject: string | null }>`
    select to_char(${WIB_MONTH}, 'YYYY-MM-DD') as month, t.channel, t.topic, t.subject,
      count(*)::integer as consultations
    from ticket t
    where ${ticketsOfMonths(b)}
      and t.topic = any(${topics}::text[])
      and t.status <> all(${NOT_CONSULTATION}::text[])
    group by 1, 2, 3, 4`.execute(trx)
  return rows
}
