import { addMinutes, pickContactTime, wallClock } from './clock.js'
import type { Customer } from './customer.js'
import { isoNaiveText } from './date-text.js'
import { DESKPRO_AGENTS } from './names.js'
import type { Prng } from './prng.js'
import { pickSegmentLabel } from './segment-labels.js'
import { pickSubject, pickTopic } from './topics.js'

/** What a chat is to a correct adapter. */
export type ChatKind = 'consultation' | 'abandoned' | 'agent-to-agent'

/** A chat as Deskpro holds it at its end; `asOf` gives what an earlier export showed. */
export interface DeskproChat {
  kind: ChatKind
  id: number
  createdAt: Date
  firstAgentAt: Date | null
  endedAt: Date
  /** The JSON object as exported at `exportedAt`, dates written in the file's style. */
  toJson(exportedAt: Date, style: DateStyle): Record<string, unknown>
}

/** Naive UTC `yyyy-mm-dd HH:MM:SS` (the API default) or ISO 8601 with `+0000`. */
export type DateStyle = 'naive' | 'iso'

const DEPARTMENT = { id: 3, title: 'Layanan DJPK' }
/** The widget's opening line (as in the report's screenshot) and a few more. */
const AGENT_LINES = [
  'Selamat pagi, terima kasih telah menghubungi DJPK. Silakan disampaikan pertanyaan/permasalahannya.',
  'Baik, kami cek terlebih dahulu.',
  'Informasi lengkap dapat dilihat di djpk.kemenkeu.go.id.',
]
const USER_LINES = ['Selamat pagi', 'Baik, terima kasih', 'Sudah cukup, terima kasih']

export function createChat(
  prng: Prng,
  month: string,
  kind: ChatKind,
  customer: Customer,
  at?: Date,
): DeskproChat {
  const createdAt = at ?? pickContactTime(prng, month)
  const topic = pickTopic(prng)
  const agent = prng.pick(DESKPRO_AGENTS)
  const anonymous = kind === 'abandoned' && prng.chance(0.5)
  const firstAgentAt = kind === 'abandoned' ? null : addMinutes(createdAt, prng.int(1, 6))
  const endedAt = addMinutes(createdAt, kind === 'abandoned' ? prng.int(2, 10) : prng.int(8, 45))
  const endedBy =
    kind === 'abandoned'
      ? prng.pick(['abandoned', 'wait_timeout'])
      : prng.weighted([
          ['user', 6],
          ['agent', 3],
          ['timeout', 1],
          ['wait_timeout', 0.5],
          [null, 0.5],
        ] as const)
  const subject =
    kind === 'abandoned' && prng.chance(0.6)
      ? ''
      : pickSubject(prng, topic, month, customer.region.name)
  const segmentLabel = pickSegmentLabel(prng, 'deskpro', customer.segment)
  const byFields = prng.chance(0.3)
  const departmentAsText = prng.chance(0.2)
  const withTimestamp = prng.chance(0.5)
  const messageCount = firstAgentAt ? prng.int(4, 14) : prng.int(1, 2)

  const chat: DeskproChat = {
    kind,
    id: 0,
    createdAt,
    firstAgentAt,
    endedAt,
    toJson(exportedAt, style) {
      const { id } = chat
      const open = exportedAt < endedAt
      const date = (at: Date | null) => (at && at <= exportedAt ? dateText(at, style) : null)
      const person =
        kind === 'agent-to-agent'
          ? { id: 100 + agent.id, name: agent.name, email: null }
          : anonymous
            ? null
            : { id: 9000 + (id % 997), name: customer.name, email: customer.email }
      return {
        id,
        status: open ? 'open' : 'ended',
        subject: kind === 'agent-to-agent' ? 'Koordinasi shift' : subject,
        department: departmentAsText ? topic.code : DEPARTMENT,
        agent: date(firstAgentAt) ? { id: agent.id, name: agent.name } : null,
        person,
        ...(anonymous && { person_name: 'Pengunjung' }),
        date_created: dateText(createdAt, style),
        ...(withTimestamp && { date_created_ts: Math.floor(createdAt.getTime() / 1000) }),
        date_first_agent_message: date(firstAgentAt),
        date_ended: open ? null : dateText(endedAt, style),
        ended_by: open ? null : endedBy,
        labels: kind === 'consultation' && prng.chance(0.8) ? [topic.code] : [],
        ...(byFields
          ? { fields: { 'Jenis Pengguna': segmentLabel } }
          : { custom_data: [{ title: 'Jenis Pengguna', value: segmentLabel }] }),
        ...(kind === 'agent-to-agent' && { is_agent: true }),
        messages: Array.from({ length: messageCount }, (_, i) => {
          const byAgent = i % 2 === 1 && firstAgentAt !== null
          const text =
            i === 2 ? `Mohon info: ${subject}` : (byAgent ? AGENT_LINES : USER_LINES)[(i >> 1) % 3]
          return { id: id * 100 + i, person: byAgent ? 'agent' : 'user', message: text }
        }),
      }
    },
  }
  return chat
}

function dateText(at: Date, style: DateStyle): string {
  if (style === 'iso') return `${at.toISOString().slice(0, 19)}+0000`
  return isoNaiveText(wallClock(at, 0))
}
