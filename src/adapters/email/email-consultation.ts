import type { AdapterOutput, RejectOutput } from '../../domain/adapter-output.js'
import { segmentOfEmailDomain } from '../../domain/segment.js'
import type { AdapterContext } from '../adapter.js'
import { domainOf } from './email-headers.js'
import type { EmailFacts } from './email-message.js'
import { normalizeSubject } from './email-subject.js'
import type { SubjectThreads } from './email-subject-threads.js'

type Reject = (reason: string) => RejectOutput

/**
 * A customer's message to the consultation inbox: opens (or adds to) its thread's ticket.
 * Messages without References/In-Reply-To are threaded by sender and subject (email-subject-threads.ts).
 * Only the thread's first message gives the subject: a follow-up's `Re: …` would otherwise win
 * or lose by arrival order, as records of equal status tie to the later one (merge-ticket.ts).
 */
export function toCustomerTicket(
  facts: EmailFacts,
  recordNumber: number,
  ctx: AdapterContext,
  threads: SubjectThreads,
  reject: Reject,
): AdapterOutput {
  const { sender, sentAt } = facts
  if (!sender) return reject('missing From address')
  if (!sentAt) return reject(facts.dateProblem ?? 'missing Date')
  const topic = normalizeSubject(facts.subject)
  let ticketId = facts.threadRootId
  if (ticketId) {
    threads.remember(sender.address, topic, sentAt, ticketId)
  } else {
    if (!facts.messageId) return reject('missing Message-ID')
    ticketId = threads.join(sender.address, topic, sentAt, facts.messageId)
  }
  return {
    kind: 'ticket',
    recordNumber,
    event: {
      channel: 'email',
      sourceTicketId: ticketId,
      openedAt: sentAt,
      firstResponseAt: null,
      closedAt: null,
      status: 'open',
      agent: null,
      topic: topic || null,
      segment: segmentOfEmailDomain(domainOf(sender.address)),
      subject: ticketId === facts.messageId ? facts.subject || null : null,
      customerKey: ctx.customerKey(sender.address),
      messageCount: null,
      raw: facts.raw,
    },
    ...warningsOf(facts),
  }
}

/**
 * A staff member's message: sets the first response and resolves its thread's ticket, and counts
 * as skipped. It never opens a ticket: opened_at and the descriptive fields stay empty, so the
 * customer's message fills them in whichever arrives first (merge-ticket.ts).
 */
export function toAgentReply(
  facts: EmailFacts,
  recordNumber: number,
  reject: Reject,
): AdapterOutput {
  const ticketId = facts.threadRootId ?? facts.messageId
  if (!ticketId) return reject('missing Message-ID')
  if (!facts.sentAt) return reject(facts.dateProblem ?? 'missing Date')
  return {
    kind: 'ticket',
    recordNumber,
    skipReason: 'agent reply',
    event: {
      channel: 'email',
      sourceTicketId: ticketId,
      openedAt: null,
      firstResponseAt: facts.sentAt,
      closedAt: null,
      status: 'resolved',
      agent: facts.sender ? facts.sender.name || facts.sender.address : null,
      topic: null,
      segment: null,
      subject: null,
      customerKey: null,
      messageCount: null,
      raw: facts.raw,
    },
    ...warningsOf(facts),
  }
}

/** Warnings go on the record only when there are some. */
function warningsOf(facts: EmailFacts): { warnings?: string[] } {
  return facts.warnings.length > 0 ? { warnings: facts.warnings } : {}
}
