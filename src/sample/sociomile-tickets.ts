import type { Customer } from './customer.js'
import { formatPhone } from './customer.js'
import { addMinutes, pickContactTime, pickReplyTime } from './clock.js'
import { AGENTS_BY_YEAR, listOf } from './names.js'
import type { Prng } from './prng.js'
import { pickSegmentLabel } from './segment-labels.js'
import { pickSubject, pickTopic } from './topics.js'

export type SociomileStatus = 'open' | 'pending' | 'resolved' | 'spam'

/** A WhatsApp ticket as Sociomile holds it at its final state. */
export interface SociomileTicket {
  id: string
  customerName: string
  phoneText: string
  subject: string
  category: string
  segmentLabel: string
  agent: string
  openedAt: Date
  firstResponseAt: Date | null
  /** Resolved, or marked as spam. */
  closedAt: Date | null
  status: 'resolved' | 'spam'
}

const SPAM_SUBJECTS = listOf(`
  Selamat! Anda mendapat hadiah, Pinjaman dana cepat tanpa agunan, Promo pulsa murah,
  Info lowongan kerja admin online, P, Halo kak`)

/**
 * Sociomile ids are 24-hex MongoDB ObjectIds: 4 bytes of creation time, 5 of process, 3 of a
 * counter. `createIdMaker` keeps the counter across months, so ids never repeat.
 */
export function createIdMaker(prng: Prng): (openedAt: Date) => string {
  const process = `8da${prng.hex(7)}`
  let counter = prng.int(0, 0xffff)
  return (openedAt) => {
    counter += 1
    const seconds = Math.floor(openedAt.getTime() / 1000)
      .toString(16)
      .padStart(8, '0')
    return `${seconds}${process}${(counter & 0xffffff).toString(16).padStart(6, '0')}`
  }
}

/** Makes a ticket of `month` for `customer`, opened on one of `days` when given. */
type CreateTicket = (
  prng: Prng,
  month: string,
  customer: Customer,
  nextId: (openedAt: Date) => string,
  days?: readonly number[],
) => SociomileTicket

export const createConsultation: CreateTicket = (prng, month, customer, nextId, days) => {
  const openedAt = pickContactTime(prng, month, days)
  const topic = pickTopic(prng)
  const firstResponseAt = pickReplyTime(prng, openedAt, 1, 90)
  const slow = prng.chance(0.1)
  return {
    id: nextId(openedAt),
    customerName: prng.chance(0.15) ? `${customer.name} (${customer.region.name})` : customer.name,
    phoneText: formatPhone(prng, customer.phone),
    subject: pickSubject(prng, topic, month, customer.region.name),
    category: topic.category,
    segmentLabel: pickSegmentLabel(prng, 'sociomile', customer.segment),
    agent: prng.pick(AGENTS_BY_YEAR[month.slice(0, 4)]!),
    openedAt,
    firstResponseAt,
    closedAt: pickReplyTime(prng, firstResponseAt, slow ? 1440 : 5, slow ? 4320 : 480),
    status: 'resolved',
  }
}

export const createSpam: CreateTicket = (prng, month, customer, nextId, days) => {
  const openedAt = pickContactTime(prng, month, days)
  return {
    id: nextId(openedAt),
    customerName: customer.name,
    phoneText: formatPhone(prng, customer.phone),
    subject: prng.pick(SPAM_SUBJECTS),
    category: '',
    segmentLabel: '',
    agent: prng.pick(AGENTS_BY_YEAR[month.slice(0, 4)]!),
    openedAt,
    firstResponseAt: null,
    closedAt: addMinutes(openedAt, prng.int(30, 2000)),
    status: 'spam',
  }
}

/** The ticket as an export taken at `exportedAt` shows it: not yet answered, closed or marked. */
export function ticketAsOf(
  ticket: SociomileTicket,
  exportedAt: Date,
): {
  status: SociomileStatus
  firstResponseAt: Date | null
  closedAt: Date | null
} {
  const seen = (at: Date | null) => (at && at <= exportedAt ? at : null)
  const closedAt = seen(ticket.closedAt)
  const firstResponseAt = seen(ticket.firstResponseAt)
  const status = closedAt ? ticket.status : firstResponseAt ? 'pending' : 'open'
  return { status, firstResponseAt, closedAt }
}
