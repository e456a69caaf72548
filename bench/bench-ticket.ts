import type { TicketStatus } from '../src/domain/ticket-status.js'
import type { Segment } from '../src/domain/segment.js'

export const BENCH_CHANNELS = ['whatsapp', 'phone', 'livechat'] as const
export type BenchChannel = (typeof BENCH_CHANNELS)[number]

/** One generated ticket as its source knows it, before it is written in the channel's format. */
export interface BenchTicket {
  channel: BenchChannel
  /** 0-based, unique within the channel; the source id is derived from it. */
  index: number
  sourceTicketId: string
  openedAt: Date
  firstResponseAt: Date | null
  closedAt: Date | null
  status: TicketStatus
  agent: string | null
  topic: string
  segmentLabel: string
  segment: Segment
  subject: string
  contact: string
  /** Phone only: how long the call lasted. */
  durationSeconds: number
}

const YEAR_START = Date.UTC(2020, 11, 31, 17) // 2021-01-01 00:00 WIB
const YEAR_SECONDS = 365 * 24 * 3600
const AGENTS = ['Rina', 'Agus', 'Dewi', 'Budi', 'Sari', 'Tono']
const TOPICS = [
  'Dana Alokasi Umum',
  'Dana Bagi Hasil',
  'SIKD',
  'Dana Desa',
  'DAK Fisik',
  'Pajak Daerah',
]
const SEGMENTS: readonly [string, Segment][] = [
  ['Pemda', 'pemda'],
  ['Kementerian/Lembaga', 'kementerian_lembaga'],
  ['Mahasiswa', 'mahasiswa'],
  ['Masyarakat', 'lainnya'],
]

/** A small deterministic hash of an integer: the same index always gives the same ticket. */
function mix(n: number): number {
  let x = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b)
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

/**
 * Ticket `index` of a channel in export `revision` 0 or 1. Revision 1 is the later, overlapping
 * export: every tenth ticket, still open (or abandoned) in revision 0, is now resolved; the
 * other nine in ten are byte-for-byte the same records.
 */
export function benchTicket(channel: BenchChannel, index: number, revision: 0 | 1): BenchTicket {
  const seed = mix(index * 7 + BENCH_CHANNELS.indexOf(channel))
  // Whole minutes: Sociomile and the CDR write times to the minute.
  const minute = YEAR_START + (seed % (YEAR_SECONDS / 60)) * 60_000
  const changes = index % 10 === 0
  const laterState = !changes || revision === 1
  const [segmentLabel, segment] = SEGMENTS[seed % SEGMENTS.length]!
  const status: TicketStatus = laterState
    ? 'resolved'
    : channel === 'phone'
      ? 'abandoned'
      : 'pending'
  const at = (ms: number) => new Date(ms)
  if (channel === 'phone') {
    // A CDR record says when the call ended and how long it lasted; it opened that much earlier.
    const seconds = 20 + (seed % 900)
    return {
      ...describe(channel, index, seed, segmentLabel, segment),
      openedAt: at(minute - seconds * 1000),
      firstResponseAt: null,
      closedAt: at(minute),
      status,
      agent: null,
      durationSeconds: seconds,
    }
  }
  return {
    ...describe(channel, index, seed, segmentLabel, segment),
    openedAt: at(minute),
    firstResponseAt: at(minute + (2 + (seed % 9)) * 60_000),
    closedAt: laterState ? at(minute + (15 + (seed % 40)) * 60_000) : null,
    status,
    agent: AGENTS[(seed >>> 3) % AGENTS.length]!,
    durationSeconds: 0,
  }
}

function describe(
  channel: BenchChannel,
  index: number,
  seed: number,
  segmentLabel: string,
  segment: Segment,
) {
  const topic = TOPICS[(seed >>> 5) % TOPICS.length]!
  return {
    channel,
    index,
    sourceTicketId: sourceIdOf(channel, index),
    topic,
    segmentLabel,
    segment,
    subject: `Pertanyaan ${topic}; nomor ${index}`,
    contact:
      channel === 'livechat'
        ? `user${seed % 50_000}@example.go.id`
        : `0812${String(seed % 100_000_000).padStart(8, '0')}`,
  }
}

function sourceIdOf(channel: BenchChannel, index: number): string {
  if (channel === 'whatsapp') return `64f9${index.toString(16).padStart(20, '0')}`
  if (channel === 'phone') return `0000${String(index).padStart(16, '0')}`
  return String(100_000 + index)
}
