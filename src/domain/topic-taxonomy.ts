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

/** A ticket's topic, and the text no rule knows when that is why it counts as `lainnya`. */
export interface TicketTopic {
  code: string
  unmatched: { field: 'topic' | 'subject'; text: string } | null
}

/**
 * A ticket's topic from its raw topic and subject. A raw topic a rule names is that topic; one
 * that names `lainnya` says nothing (a HAI Kategori Layanan such as "Informasi", the Deskpro
 * department "Layanan DJPK"), so the subject decides the same way. Text no rule knows is
 * `lainnya`, and is what `dering report --unmatched-topics` lists.
 */
export function classifyTicketTopic(
  taxonomy: TopicTaxonomy,
  topic: string,
  subject: string | null,
): TicketTopic {
  const fromTopic = matchTopic(taxonomy, topic)
  if (fromTopic === null) {
    return { code: OTHER_TOPIC, unmatched: { field: 'topic', text: topic } }
  }
  if (fromTopic !== OTHER_TOPIC || subject === null || normalizeTopicText(subject) === '') {
    return { code: fromTopic, unmatched: null }
  }
  const fromSubject = matchTopic(taxonomy, subject)
  if (fromSubject === null) {
    return { code: OTHER_TOPIC, unmatched: { field: 'subject', text: subject } }
  }
  return { code: fromSubject, unmatched: null }
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
