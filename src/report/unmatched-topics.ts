import type { RawTopicTickets } from '../db/raw-topics.js'
import { compareCodePoints } from '../domain/compare-code-points.js'
import { classifyTicketTopic, type TopicTaxonomy } from '../domain/topic-taxonomy.js'

interface UnmatchedTopic {
  channel: string
  /** `topic`: the raw topic (an email's subject without Re:/Fwd:); `subject`: the subject of a
   * ticket whose raw topic names `lainnya` (a service category, a department). */
  field: 'topic' | 'subject'
  text: string
  consultations: number
}

export interface UnmatchedTopics {
  /** Consultations that count as `lainnya` because no rule knows their text. */
  unmatchedConsultations: number
  /** Consultations with a raw topic at all. */
  consultationsWithTopic: number
  /** The most common unmatched texts, most consultations first. */
  topics: UnmatchedTopic[]
}

/**
 * The texts that count as `lainnya` only because no rule knows them: what a TOPIC_MAP_FILE
 * could still map. Ties are ordered by channel, field and text (code points).
 */
export function listUnmatchedTopics(
  rows: readonly RawTopicTickets[],
  taxonomy: TopicTaxonomy,
  limit: number,
): UnmatchedTopics {
  const counts = new Map<string, UnmatchedTopic>()
  let unmatched = 0
  let total = 0
  for (const row of rows) {
    total += row.consultations
    const miss = classifyTicketTopic(taxonomy, row.topic, row.subject).unmatched
    if (!miss) continue
    unmatched += row.consultations
    const key = `${row.channel}\n${miss.field}\n${miss.text}`
    const entry = counts.get(key) ?? { channel: row.channel, ...miss, consultations: 0 }
    entry.consultations += row.consultations
    counts.set(key, entry)
  }
  const topics = [...counts.values()]
    .sort(
      (a, b) =>
        b.consultations - a.consultations ||
        compareCodePoints(a.channel, b.channel) ||
        compareCodePoints(a.field, b.field) ||
        compareCodePoints(a.text, b.text),
    )
    .slice(0, limit)
  return { unmatchedConsultations: unmatched, consultationsWithTopic: total, topics }
}
