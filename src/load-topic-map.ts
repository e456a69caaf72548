import { readFileSync } from 'node:fs'
import { LineCounter, isMap, parseDocument, type Document } from 'yaml'
import { z } from 'zod'
import { DEFAULT_TOPICS, TOPIC_CODE, normalizeTopicText } from './domain/topic.js'
import {
  DEFAULT_TOPIC_TAXONOMY,
  buildTopicTaxonomy,
  extendTopics,
  type TopicTaxonomy,
} from './domain/topic-taxonomy.js'
import { ConfigError, coerceError } from './errors.js'

const phrase = z
  .string()
  .refine((text) => normalizeTopicText(text) !== '', 'expected a phrase with letters or digits')

const TopicMapSchema = z.record(
  z.string().regex(TOPIC_CODE, 'expected a topic code: lower case letters, digits and _'),
  z.strictObject({
    label: phrase.optional(),
    aliases: z.array(phrase).optional(),
    keywords: z.array(phrase).optional(),
  }),
)

/** The default topics, extended by TOPIC_MAP_FILE when it is set. */
export function loadTopicTaxonomy(file: string | undefined): TopicTaxonomy {
  if (!file) return DEFAULT_TOPIC_TAXONOMY
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError(`TOPIC_MAP_FILE: ${file}: ${coerceError(error).message}`)
  }
  return parseTopicMap(text, file)
}

/**
 * A topic map, JSON or YAML (JSON is read as YAML, which gives both the same line numbers):
 * `{ code: { label?, aliases?, keywords? } }`. A problem is one ConfigError line naming the
 * file, the line and the key.
 */
export function parseTopicMap(text: string, file: string): TopicTaxonomy {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false })
  const fail = (where: string, message: string) =>
    new ConfigError(`TOPIC_MAP_FILE: ${file}: ${where}${message}`)
  const syntax = doc.errors[0]
  if (syntax) {
    const message = syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    throw fail(`line ${lines.linePos(syntax.pos[0] ?? 0).line}: `, message)
  }
  const locate = (path: (string | number)[]) => {
    const start = rangeOf(doc, path)?.[0]
    const line = start === undefined ? '' : `line ${lines.linePos(start).line}, `
    return `${line}${path.length > 0 ? path.join('.') : 'top level'}: `
  }
  const parsed = TopicMapSchema.safeParse(doc.toJS() ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))
    // An unknown key is reported at itself, not at the object holding it.
    const keys = issue.code === 'unrecognized_keys' ? [...path, ...issue.keys] : path
    // A bad code's own message is inside the issue about the record's key.
    const message = issue.code === 'invalid_key' ? issue.issues[0]!.message : issue.message
    throw fail(locate(keys), message)
  }
  const extended = extendTopics(DEFAULT_TOPICS, parsed.data)
  if ('problem' in extended) {
    throw fail(locate(extended.problem.path), extended.problem.message)
  }
  return buildTopicTaxonomy(extended.topics)
}

/** Where a key path starts in the file: a map entry's key, a list's item, else the whole. */
function rangeOf(doc: Document, path: (string | number)[]): readonly number[] | undefined {
  const last = path.at(-1)
  const parent: unknown = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents
  if (typeof last === 'string' && isMap(parent)) {
    const pair = parent.items.find((item) => (item.key as { value?: unknown }).value === last)
    return (pair?.key as { range?: number[] } | undefined)?.range
  }
  const node: unknown = path.length > 0 ? doc.getIn(path, true) : doc.contents
  return (node as { range?: number[] } | null)?.range
}
