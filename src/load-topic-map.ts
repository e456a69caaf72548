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

/** How every problem with the map ends: what to do about it. */
const FIX = ': fix the file, or unset TOPIC_MAP_FILE to use the default topics'

const CODE_RULE =
  'expected a topic code: a lower case letter, then lower case letters, digits and _'

const phrase = z
  .string()
  .refine((text) => normalizeTopicText(text) !== '', 'expected a phrase with letters or digits')

const TopicMapSchema = z.record(
  z.string().regex(TOPIC_CODE, CODE_RULE),
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
    throw new ConfigError(`TOPIC_MAP_FILE: ${file}: ${coerceError(error).message}${FIX}`)
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
    new ConfigError(`TOPIC_MAP_FILE: ${file}: ${where}${message}${FIX}`)
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
  let value: unknown
  try {
    value = plainObjects(doc.toJS({ mapAsMap: true, maxAliasCount: 100 })) ?? {}
  } catch (error) {
    // An alias expanding past the limit (a "billion laughs" map).
    throw fail('', coerceError(error).message)
  }
  // zod passes over a `__proto__` key without checking it.
  if (value !== null && typeof value === 'object' && Object.hasOwn(value, '__proto__')) {
    throw fail(locate(['__proto__']), CODE_RULE)
  }
  const parsed = TopicMapSchema.safeParse(value)
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

/**
 * YAML maps as plain objects whose keys are all own data properties, so that a key such as
 * `__proto__` is checked like any other instead of vanishing into the prototype.
 */
function plainObjects(value: unknown): unknown {
  if (value instanceof Map) {
    return Object.fromEntries([...value].map(([key, item]) => [String(key), plainObjects(item)]))
  }
  return Array.isArray(value) ? value.map(plainObjects) : value
}
