import { toWibMonth } from '../domain/wib-month.js'
import {
  addMinutes,
  pickContactTime,
  pickEdgeTime,
  pickReplyTime,
  type MonthEdge,
} from './clock.js'
import { agentMail, CONSULTATION_INBOX, customerMail, organizationOf } from './consultation-mail.js'
import type { Customer } from './customer.js'
import { customerBody } from './email-bodies.js'
import { autoReply, bounce } from './email-notices.js'
import type { MailMessage } from './mime-text.js'
import { AGENT_MAILBOXES } from './names.js'
import type { Prng } from './prng.js'
import type { SubjectGuard } from './subject-guard.js'
import { pickSubject, pickTopic } from './topics.js'

export interface ThreadContext {
  pickCustomer: () => Customer
  nextMessageId: (domain: string, sentAt: Date) => string
  guard: SubjectGuard
}

export interface ThreadOptions {
  month: string
  /** Opened in the night of the 1st or late on the last day, with a `+0000` Date header. */
  edge?: MonthEdge
  /** The customer's client sent no Date header: the adapter falls back to `Received:`. */
  withoutDate?: boolean
  /** A later customer message without References that joins by subject (same file only). */
  subjectFollowUp?: boolean
}

/**
 * One consultation thread: the customer's message and, mostly, an agent's reply from
 * kemenkeu.go.id with In-Reply-To and References; sometimes a follow-up and a second reply,
 * an auto-reply or a bounce from the customer's side. Unanswered threads stay open. The
 * customer and subject are chosen so that no other thread is within the subject-threading window.
 */
export function createThread(
  prng: Prng,
  ctx: ThreadContext,
  options: ThreadOptions,
): MailMessage[] {
  const { month, edge } = options
  const topic = pickTopic(prng)
  const sentAt = edge ? pickEdgeTime(prng, month, edge) : pickContactTime(prng, month)
  let customer = ctx.pickCustomer()
  let subject = pickSubject(prng, topic, month, customer.region.name)
  for (
    let tries = 0;
    !ctx.guard.isFree(customer.email, subject, sentAt) && tries < 50;
    tries += 1
  ) {
    customer = ctx.pickCustomer()
    subject = pickSubject(prng, topic, month, customer.region.name)
  }
  const domain = customer.email.split('@')[1]!
  const rootId = ctx.nextMessageId(domain, sentAt)
  const body = customerBody(prng, subject, customer.name, organizationOf(customer), sentAt)
  const messages: MailMessage[] = []
  const fromCustomer = (
    at: Date,
    id: string,
    subj: string,
    text: string,
    threading: [string, string][] = [],
  ) => {
    ctx.guard.add(customer.email, subj, at)
    // Near a month's edge the Date header is in UTC: the message still belongs to its WIB month.
    const dateOffset = id === rootId ? (options.withoutDate ? null : edge ? 0 : 7) : 7
    const offset = dateOffset === 7 && prng.chance(0.05) ? 0 : dateOffset
    messages.push(
      customerMail(prng, {
        customer,
        id,
        sentAt: at,
        subject: subj,
        text,
        threading,
        dateOffset: offset,
      }),
    )
  }
  fromCustomer(sentAt, rootId, subject, body)

  if (options.subjectFollowUp) {
    const at = pickReplyTime(prng, sentAt, 1440, 4 * 1440)
    const again = `${prng.pick(['Re: ', 'Fwd: ', ''])}${subject}`
    const text = `Mohon tindak lanjut pertanyaan kami.\n\n${body}`
    if (toWibMonth(at) === month) fromCustomer(at, ctx.nextMessageId(domain, at), again, text)
  }
  if (prng.chance(0.12)) return messages

  const agent = prng.weighted(AGENT_MAILBOXES.map((m, i) => [m, i === 0 ? 4 : 1] as const))
  const reply = (at: Date, references: string[], subj: string, quoted: string) => {
    const id = ctx.nextMessageId('kemenkeu.go.id', at)
    messages.push(
      agentMail(prng, { agent, customer, id, sentAt: at, references, subject: subj, quoted }),
    )
    return id
  }
  const replyAt = pickReplyTime(prng, sentAt, 20, 2 * 1440)
  const replyId = reply(replyAt, [rootId], `RE: ${subject}`, body)

  // Only replies sent from the inbox's own address come back to it automatically.
  if (agent.address === CONSULTATION_INBOX && prng.chance(0.05)) {
    const notice = prng.chance(0.6) ? autoReply : bounce
    const at = addMinutes(replyAt, 1)
    const references = [rootId, replyId]
    messages.push(
      notice(prng, {
        customer,
        inReplyTo: replyId,
        references,
        subject: `RE: ${subject}`,
        at,
        messageId: ctx.nextMessageId,
      }),
    )
  }
  if (prng.chance(0.2)) {
    const followAt = pickReplyTime(prng, replyAt, 30, 2 * 1440)
    const followId = ctx.nextMessageId(domain, followAt)
    const followUp = `Baik, terima kasih atas informasinya. Apakah ada batas waktunya?\n\n${body}`
    fromCustomer(followAt, followId, `Re: RE: ${subject}`, followUp, [
      ['In-Reply-To', `<${replyId}>`],
      ['References', `<${rootId}> <${replyId}>`],
    ])
    if (prng.chance(0.7)) {
      reply(
        pickReplyTime(prng, followAt, 20, 1440),
        [rootId, replyId, followId],
        `RE: Re: RE: ${subject}`,
        followUp,
      )
    }
  }
  return messages
}
