import { DEFAULT_TOPICS, OTHER_TOPIC, normalizeTopicText, type TopicRule } from './topic.js'

/** Topic rules ready to match: whole labels first, then keywords in topic order. */
export interface TopicTaxonomy {
  readonly topics: readonly TopicRule[]
  /** Normalized label or alias → code. */
  readonly exact: ReadonlyMap<string, string>
  /** Normalized keywords with their codes, in the order they are tried. */
  readonly keywords: readonly (readonly [keyword: string, code: string])[]
  /** Code → label. */
  readonly labels: ReadonlyMap<string, string>
}

/** What a TOPIC_MAP_FILE entry adds to a topic (new topics need a label). */
export interface TopicMapEntry {
  label?: string
  aliases?: string[]
  keywords?: string[]
}

/** A problem in a topic map: where (keys from the file's top) and what. */
export interface TopicMapProblem {
  path: (string | number)[]
  message: string
}

export function buildTopicTaxonomy(topics: readonly TopicRule[]): TopicTaxonomy {
  const exact = new Map<string, string>()
  for (const topic of topics) {
    for (const name of [topic.label, ...topic.aliases]) {
      const key = normalizeTopicText(name)
      const owner = exact.get(key)
      if (owner !== undefined && owner !== topic.code) {
        throw new Error(`topic ${topic.code}: "${name}" is already a name of ${owner}`)
      }
      exact.set(key, topic.code)
    }
  }
  const keywords = topics.flatMap((topic) =>
    topic.keywords.map((keyword) => [normalizeTopicText(keyword), topic.code] as const),
  )
  const labels = new Map(topics.map((topic) => [topic.code, topic.label]))
  return { topics, exact, keywords, labels }
}

export const DEFAULT_TOPIC_TAXONOMY = buildTopicTaxonomy(DEFAULT_TOPICS)

/** The topic one raw text names, or null when no rule matches it. */
export function matchTopic(taxonomy: TopicTaxonomy, text: string): string | null {
  const normalized = normalizeTopicText(text)
  if (normalized === '') return null
  const exact = taxonomy.exact.get(normalized)
  if (exact !== undefined) return exact
  const padded = ` ${normalized} `
  return taxonomy.keywords.find(([keyword]) => padded.includes(` ${keyword} `))?.[1] ?? null
}

/**
 * A ticket's topic from its raw topic and subject: what the raw topic names, else what the
 * subject names (a HAI ticket whose Topik Permasalahan is empty has a service category there, a
 * Deskpro chat without a label its department); `lainnya` when neither names one. `known` is
 * false when no rule matched either text: such raw topics are what `--unmatched-topics` lists.
 * A rule may name `lainnya` itself (TOPIC_MAP_FILE), which still lets the subject decide.
 */
export function classifyTicketTopic(
  taxonomy: TopicTaxonomy,
  topic: string,
  subject: string | null,
): { code: string; known: boolean } {
  const fromTopic = matchTopic(taxonomy, topic)
  if (fromTopic !== null && fromTopic !== OTHER_TOPIC) return { code: fromTopic, known: true }
  const fromSubject = subject === null ? null : matchTopic(taxonomy, subject)
  if (fromSubject !== null && fromSubject !== OTHER_TOPIC) return { code: fromSubject, known: true }
  return { code: OTHER_TOPIC, known: fromTopic !== null || fromSubject !== null }
}

/** Whether a raw topic alone settles a ticket's topic, so its subject need not be read. */
export function topicSettlesAlone(taxonomy: TopicTaxonomy, topic: string): boolean {
  const code = matchTopic(taxonomy, topic)
  return code !== null && code !== OTHER_TOPIC
}

/**
 * The default topics extended by a topic map: an existing code gains aliases and keywords (and
 * may be relabelled); a new code needs a label, and its keywords are tried before the defaults'.
 */
export function extendTopics(
  base: readonly TopicRule[],
  entries: Record<string, TopicMapEntry>,
): { topics: TopicRule[] } | { problem: TopicMapProblem } {
  const added: TopicRule[] = []
  const extended = new Map<string, TopicRule>()
  for (const [code, entry] of Object.entries(entries)) {
    const known = base.find((topic) => topic.code === code)
    if (!known && entry.label === undefined) {
      return { problem: { path: [code], message: 'a new topic needs a label' } }
    }
    const rule: TopicRule = {
      code,
      label: entry.label ?? known!.label,
      aliases: [...(known?.aliases ?? []), ...(entry.aliases ?? [])],
      keywords: [...(known?.keywords ?? []), ...(entry.keywords ?? [])],
    }
    if (known) extended.set(code, rule)
    else added.push(rule)
  }
  const topics = [...added, ...base.map((topic) => extended.get(topic.code) ?? topic)]
  const problem = findNameConflict(topics, entries)
  return problem ? { problem } : { topics }
}

/** A label or alias of the map that another topic already has. */
function findNameConflict(
  topics: readonly TopicRule[],
  entries: Record<string, TopicMapEntry>,
): TopicMapProblem | null {
  const namesOf = (topic: TopicRule) => [topic.label, ...topic.aliases].map(normalizeTopicText)
  for (const [code, entry] of Object.entries(entries)) {
    const names: [(string | number)[], string][] = [
      ...(entry.label === undefined ? [] : [[[code, 'label'], entry.label] as [string[], string]]),
      ...(entry.aliases ?? []).map((alias, i): [(string | number)[], string] => [
        [code, 'aliases', i],
        alias,
      ]),
    ]
    for (const [path, name] of names) {
      const key = normalizeTopicText(name)
      if (key === '') return { path, message: 'expected a name with letters or digits' }
      const owner = topics.find((topic) => topic.code !== code && namesOf(topic).includes(key))
      if (owner) return { path, message: `"${name}" already names topic ${owner.code}` }
    }
  }
  return null
}
