import type { RawTopicTickets } from '../db/raw-topics.js'
import { compareCodePoints } from '../domain/compare-code-points.js'
import { classifyTicketTopic, type TopicTaxonomy } from '../domain/topic-taxonomy.js'

export interface UnmatchedTopic {
  channel: string
  /** The raw topic as the export gave it (an email's subject without Re:/Fwd:). */
  topic: string
  consultations: number
}

export interface UnmatchedTopics {
  /** Consultations whose raw topic and subject no rule of the taxonomy matched. */
  unmatchedConsultations: number
  /** Consultations with a raw topic at all. */
  consultationsWithTopic: number
  /** The most common unmatched raw topics, most consultations first. */
  topics: UnmatchedTopic[]
}

/**
 * The raw topics that count as `lainnya` only because no rule knows them or their subjects:
 * what a TOPIC_MAP_FILE could still map. Ties are ordered by channel and text (code points).
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
    if (classifyTicketTopic(taxonomy, row.topic, row.subject).known) continue
    unmatched += row.consultations
    const key = `${row.channel}\n${row.topic}`
    const entry = counts.get(key) ?? { channel: row.channel, topic: row.topic, consultations: 0 }
    entry.consultations += row.consultations
    counts.set(key, entry)
  }
  const topics = [...counts.values()]
    .sort(
      (a, b) =>
        b.consultations - a.consultations ||
        compareCodePoints(a.channel, b.channel) ||
        compareCodePoints(a.topic, b.topic),
    )
    .slice(0, limit)
  return { unmatchedConsultations: unmatched, consultationsWithTopic: total, topics }
}
