import type { AdapterOutput } from '../../domain/adapter-output.js'
import { parseSourceDate } from '../../domain/source-date.js'
import { segmentOf } from '../../domain/segment.js'
import type { TicketStatus } from '../../domain/ticket-status.js'
import type { AdapterContext } from '../adapter.js'
import { optionalDate } from '../optional-date.js'
import { NotARecordError } from '../reading-errors.js'

type Json = Record<string, unknown>

/** Deskpro writes naive times in UTC (livechat.md); ISO values carry their own offset. */
const DATE_OPTIONS = { zone: 'UTC' } as const
const SEGMENT_TITLE = 'jenis pengguna'
const DIGITS = /^\d+$/
const UNIX_SECONDS = /^\d+(?:\.\d+)?$/
/** Keys every Deskpro chat has (livechat.md); an object with none of them is no chat. */
const CHAT_KEYS = ['id', 'date_created', 'date_created_ts']
/** Far more than any Deskpro export nests; far less than what breaks storing the raw chat. */
const MAX_NESTING = 64

/** One Deskpro chat (formats/livechat.md) → a ticket, an agent-to-agent skip, or a reject. */
export function parseDeskproChat(
  value: unknown,
  recordNumber: number,
  raw: string,
  ctx: AdapterContext,
): AdapterOutput {
  const reject = (reason: string): AdapterOutput => ({ kind: 'reject', recordNumber, reason, raw })
  // Another kind of JSON: no object, or one with none of a chat's identifying keys.
  if (!isObject(value)) throw new NotARecordError('not a chat object')
  if (!CHAT_KEYS.some((key) => Object.hasOwn(value, key))) {
    throw new NotARecordError(`not a chat: none of ${CHAT_KEYS.join(', ')}`)
  }
  const chat = value
  // JSON.stringify, and the store that keeps the raw record, give up on values nested thousands
  // of levels deep.
  if (nestedDeeperThan(chat, MAX_NESTING)) return reject(`nested deeper than ${MAX_NESTING} levels`)
  if (chat.is_agent === true) return { kind: 'skip', recordNumber, reason: 'agent-to-agent chat' }

  const id = idOf(chat.id)
  if (id === null) {
    return reject(
      chat.id == null || chat.id === '' ? 'missing id' : `invalid id: ${JSON.stringify(chat.id)}`,
    )
  }
  const warnings: string[] = []
  const openedAt = openedAtOf(chat, warnings)
  if (!openedAt) {
    const created = textOf(chat.date_created)
    return reject(created ? `unparseable date_created: ${created}` : 'missing date_created')
  }
  const firstResponseText = textOf(chat.date_first_agent_message)

  return {
    kind: 'ticket',
    recordNumber,
    event: {
      channel: 'livechat',
      sourceTicketId: id,
      openedAt,
      firstResponseAt: optionalDate(
        firstResponseText,
        'date_first_agent_message',
        DATE_OPTIONS,
        warnings,
      ),
      closedAt: optionalDate(textOf(chat.date_ended), 'date_ended', DATE_OPTIONS, warnings),
      status: statusOf(chat, firstResponseText !== ''),
      agent: (isObject(chat.agent) ? textOf(chat.agent.name) : textOf(chat.agent)) || null,
      topic: topicOf(chat),
      segment: segmentOf(segmentLabelOf(chat), ctx.segmentMap),
      subject: textOf(chat.subject) || null,
      customerKey: ctx.customerKey(
        (isObject(chat.person) ? textOf(chat.person.email) : '') || textOf(chat.person_email),
      ),
      messageCount: Array.isArray(chat.messages) ? chat.messages.length : null,
      raw: chat,
    },
    rawJson: raw,
    ...(warnings.length > 0 && { warnings }),
  }
}

function idOf(id: unknown): string | null {
  if (typeof id === 'number') return Number.isSafeInteger(id) && id >= 0 ? String(id) : null
  if (typeof id === 'string' && DIGITS.test(id.trim())) return id.trim()
  return null
}

/** `date_created_ts` wins over `date_created` when both are there and disagree. */
function openedAtOf(chat: Json, warnings: string[]): Date | null {
  const ts = chat.date_created_ts
  if (ts != null && ts !== '') {
    const seconds =
      typeof ts === 'number' ? ts : UNIX_SECONDS.test(textOf(ts)) ? Number(textOf(ts)) : NaN
    if (Number.isFinite(seconds)) return new Date(seconds * 1000)
    warnings.push(`unparseable date_created_ts: ${JSON.stringify(ts)}`)
  }
  return parseSourceDate(textOf(chat.date_created), DATE_OPTIONS)
}

/**
 * `open` stays open. An ended chat nobody from the contact center took up is abandoned: the
 * visitor left (`abandoned`) or gave up waiting before any agent message (`wait_timeout`).
 * Any other ending (agent, user, timeout, none given) resolved it. A chat with no status is
 * ended when it has an end time or reason.
 */
function statusOf(chat: Json, agentAnswered: boolean): TicketStatus {
  const status = textOf(chat.status).toLowerCase()
  const endedBy = textOf(chat.ended_by).toLowerCase()
  const ended =
    status === 'ended' || (status !== 'open' && (textOf(chat.date_ended) !== '' || endedBy !== ''))
  if (!ended) return 'open'
  if (endedBy === 'abandoned' || (endedBy === 'wait_timeout' && !agentAnswered)) return 'abandoned'
  return 'resolved'
}

function topicOf(chat: Json): string | null {
  const label = Array.isArray(chat.labels)
    ? chat.labels.map(textOf).find((text) => text !== '')
    : undefined
  const department = isObject(chat.department)
    ? textOf(chat.department.title)
    : textOf(chat.department)
  return label || department || textOf(chat.subject) || null
}

/** The `Jenis Pengguna` answer, from `custom_data` (title/value pairs) or `fields` (title → value). */
function segmentLabelOf(chat: Json): string {
  const isSegmentTitle = (title: unknown) => textOf(title).toLowerCase() === SEGMENT_TITLE
  if (Array.isArray(chat.custom_data)) {
    const entry = chat.custom_data.find(
      (item): item is Json => isObject(item) && isSegmentTitle(item.title),
    )
    if (entry) return textOf(entry.value)
  }
  if (isObject(chat.fields)) {
    const key = Object.keys(chat.fields).find(isSegmentTitle)
    if (key !== undefined) return textOf(chat.fields[key])
  }
  return ''
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A JSON scalar as trimmed text; null, objects and arrays are empty. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return ''
}

/**
 * Whether arrays and objects nest deeper than `limit` levels. Recursion goes no deeper than the
 * limit, so a hostile nesting cannot exhaust the stack; nothing is allocated for a chat that passes.
 */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false
  if (limit < 1) return true
  if (Array.isArray(value)) {
    for (const child of value) if (nestedDeeperThan(child, limit - 1)) return true
    return false
  }
  for (const key in value) {
    if (nestedDeeperThan((value as Json)[key], limit - 1)) return true
  }
  return false
}
