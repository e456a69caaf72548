import { toWibMonth } from '../domain/wib-month.js'
import type { SkipReason } from '../domain/skip-reason.js'
import {
  createChannelResult,
  countConsultation,
  countSkip,
  type ChannelResult,
} from './channel-result.js'
import { createThread } from './consultation-threads.js'
import { createCustomerPool } from './customer.js'
import { createLaporMessage, createLaporSender } from './lapor-messages.js'
import { createMessageIdMaker } from './mail-ids.js'
import { writeEml, writeMbox } from './mailbox-file.js'
import type { MailKind, MailMessage } from './mime-text.js'
import { FAMILY_NAMES, GIVEN_NAMES } from './names.js'
import { DOCUMENT_PLAN, plannedConsultations, SAMPLE_MONTHS } from './plan.js'
import type { Prng } from './prng.js'
import { REGIONS } from './regions.js'
import { createSubjectGuard } from './subject-guard.js'

/** January 2020 of the consultation inbox was saved message by message, as `.eml` files. */
const EML_MONTH = '2020-01'
const SKIP_OF: Partial<Record<MailKind, SkipReason>> = {
  agent: 'agent reply',
  'auto-reply': 'auto-reply',
  bounce: 'bounce',
}

/**
 * Email: the consultation inbox as one mbox per month of the messages' dates (a reply after
 * the month's end sits in the next month's file), January 2020 as `.eml` files; Email Lapor as
 * one mbox per month of 2021, each starting with the last messages of the month before (an
 * overlapping export: the same message twice is one set of documents).
 */
export async function writeEmailSample(outDir: string, prng: Prng): Promise<ChannelResult> {
  const result = createChannelResult()
  const nextMessageId = createMessageIdMaker(prng.fork('message-ids'))
  await writeConsultations(outDir, prng.fork('consultation'), nextMessageId, result)
  await writeLapor(outDir, prng.fork('lapor'), nextMessageId, result)
  return result
}

async function writeConsultations(
  outDir: string,
  prng: Prng,
  nextMessageId: (domain: string, sentAt: Date) => string,
  result: ChannelResult,
) {
  const pool = createCustomerPool(prng.fork('customers'), 2600)
  const guard = createSubjectGuard()
  const byMonth = new Map<string, MailMessage[]>(SAMPLE_MONTHS.map((month) => [month, []]))
  for (const [index, month] of SAMPLE_MONTHS.entries()) {
    const rng = prng.fork(month)
    const ctx = { pickCustomer: () => rng.pick(pool), nextMessageId, guard }
    const count = plannedConsultations(month, 'email')
    for (let i = 0; i < count; i += 1) {
      const messages = createThread(rng, ctx, {
        month,
        ...(i < 2 && { edge: i === 0 ? 'first day' : 'last day' }),
        withoutDate: i === 2 && index % 4 === 0,
        subjectFollowUp: month !== EML_MONTH && rng.chance(0.04),
      })
      // Messages after the sample's last month are not in any export: those threads stay open.
      for (const message of messages) byMonth.get(toWibMonth(message.sentAt))?.push(message)
    }
    result.tickets += count
    countConsultation(result, month, count)
  }
  for (const [month, messages] of byMonth) {
    messages.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime())
    for (const message of messages) {
      const reason = SKIP_OF[message.kind]
      if (reason) countSkip(result, reason)
    }
    if (month === EML_MONTH) {
      for (const [i, message] of messages.entries()) {
        result.files.push(
          await writeEml(
            outDir,
            'email',
            `konsultasi-${month}-${String(i + 1).padStart(4, '0')}.eml`,
            message,
          ),
        )
      }
    } else {
      result.files.push(await writeMbox(outDir, 'email', `konsultasi-${month}.mbox`, messages))
    }
  }
}

async function writeLapor(
  outDir: string,
  prng: Prng,
  nextMessageId: (domain: string, sentAt: Date) => string,
  result: ChannelResult,
) {
  const senderRng = prng.fork('senders')
  const senders = Array.from({ length: 700 }, () =>
    createLaporSender(
      senderRng,
      REGIONS,
      `${senderRng.pick(GIVEN_NAMES)} ${senderRng.pick(FAMILY_NAMES)}`,
    ),
  )
  let previous: MailMessage[] = []
  for (const [month, documents] of Object.entries(DOCUMENT_PLAN).sort()) {
    const rng = prng.fork(month)
    const messages: MailMessage[] = []
    const send = (
      count: number,
      extra: { edge?: 'first day' | 'last day'; logoOnly?: boolean } = {},
    ) =>
      messages.push(
        createLaporMessage(rng, rng.pick(senders), nextMessageId, {
          month,
          documents: count,
          ...extra,
        }),
      )
    let remaining = documents
    for (let i = 0; remaining > 0; i += 1) {
      const count = Math.min(
        remaining,
        rng.weighted([
          [1, 45],
          [2, 35],
          [3, 20],
        ] as const),
      )
      send(count, i < 2 ? { edge: i === 0 ? 'first day' : 'last day' } : {})
      remaining -= count
    }
    for (let i = rng.int(3, 8); i > 0; i -= 1) send(0, { logoOnly: rng.chance(0.3) })
    messages.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime())
    result.documents[month] = documents
    countSkip(result, 'no attachment', messages.filter((m) => m.documents === 0).length)
    const overlap = previous.filter((m) => m.documents > 0).slice(-2)
    result.files.push(
      await writeMbox(outDir, 'email', `lapor-${month}.mbox`, [...overlap, ...messages]),
    )
    previous = messages
  }
}
