import { addMinutes } from './clock.js'
import type { Customer } from './customer.js'
import { rfc5322Date } from './date-text.js'
import { agentBody, htmlOf } from './email-bodies.js'
import {
  boundary,
  foldedEncodedWords,
  mailbox,
  messageText,
  relayIp,
  type MailMessage,
} from './mime-text.js'
import type { Prng } from './prng.js'

export const CONSULTATION_INBOX = 'callcenter.djpk@kemenkeu.go.id'

export interface CustomerMail {
  customer: Customer
  id: string
  sentAt: Date
  subject: string
  text: string
  /** In-Reply-To and References of a follow-up; none on a message that opens a thread. */
  threading: [string, string][]
  /** The Date header's offset in hours; null leaves the header out. */
  dateOffset: number | null
}

/** A customer's message to the consultation inbox, plain text or Gmail's plain + HTML. */
export function customerMail(prng: Prng, mail: CustomerMail): MailMessage {
  const { customer, sentAt } = mail
  const domain = customer.email.split('@')[1]!
  const content = plainOrAlternative(prng, mail.text)
  const headers: [string, string | null][] = [
    ['Received', received(prng, domain, sentAt)],
    ['Message-ID', `<${mail.id}>`],
    ['Date', mail.dateOffset === null ? null : rfc5322Date(sentAt, mail.dateOffset)],
    ['From', mailbox(customer.name, customer.email)],
    ...recipients(prng),
    ['Subject', prng.chance(0.08) ? foldedEncodedWords(mail.subject) : mail.subject],
    ...mail.threading,
    ['MIME-Version', '1.0'],
    ...content.headers,
  ]
  return {
    kind: 'customer',
    sentAt,
    sender: customer.email,
    documents: 0,
    text: messageText(headers, content.body),
  }
}

export interface AgentMail {
  agent: { name: string; address: string }
  customer: Customer
  id: string
  sentAt: Date
  /** The thread's message ids, oldest first: the first names the ticket. */
  references: string[]
  subject: string
  quoted: string
}

/** An agent's answer from kemenkeu.go.id (Outlook on Exchange), copied to the inbox. */
export function agentMail(prng: Prng, mail: AgentMail): MailMessage {
  const { agent, customer, sentAt } = mail
  const headers: [string, string | null][] = [
    [
      'Received',
      `from KMKEXC0${prng.int(1, 4)}.kemenkeu.go.id (${relayIp(prng)}) by mx1.kemenkeu.go.id; ${rfc5322Date(sentAt, 7)}`,
    ],
    ['Message-ID', `<${mail.id}>`],
    ['In-Reply-To', `<${mail.references.at(-1)}>`],
    ['References', mail.references.map((r) => `<${r}>`).join(' ')],
    ['Date', rfc5322Date(sentAt, 7)],
    ['From', mailbox(agent.name, agent.address)],
    ['To', mailbox(customer.name, customer.email)],
    ['Cc', agent.address === CONSULTATION_INBOX ? null : CONSULTATION_INBOX],
    ['Subject', mail.subject],
    ['X-Mailer', 'Microsoft Outlook 16.0'],
    ['MIME-Version', '1.0'],
    ['Content-Type', 'text/plain; charset="utf-8"'],
    ['Content-Transfer-Encoding', '7bit'],
  ]
  const text = messageText(headers, agentBody(prng, customer.name, agent.name, mail.quoted))
  return { kind: 'agent', sentAt, sender: agent.address, documents: 0, text }
}

/** How the customer signs: their office, ministry or university. */
export function organizationOf(customer: Customer): string {
  const domain = customer.email.split('@')[1]!
  switch (customer.segment) {
    case 'pemda':
      return `Pemerintah ${customer.region.name}`
    case 'kementerian_lembaga':
      return domain.split('.')[0]!.toUpperCase()
    case 'mahasiswa':
      return domain.endsWith('.ac.id')
        ? `Mahasiswa ${domain.split('.').at(-3)!.toUpperCase()}`
        : 'Mahasiswa'
    case 'lainnya':
      return customer.region.name
  }
}

function received(prng: Prng, domain: string, at: Date): string {
  const host = domain === 'gmail.com' ? `mail-${prng.hex(4)}.google.com` : `mail.${domain}`
  const by = `by mx1.kemenkeu.go.id with ESMTPS id ${prng.hex(10)} for <${CONSULTATION_INBOX}>`
  return `from ${host} (${host} [${relayIp(prng)}]) ${by}; ${rfc5322Date(addMinutes(at, 0.05), 7)}`
}

/** Mostly straight to the inbox; sometimes delivered through a forwarding rule, or only in Cc. */
function recipients(prng: Prng): [string, string][] {
  const direct: [string, string][] = [['To', CONSULTATION_INBOX]]
  const delivered: [string, string][] = [
    ['Delivered-To', CONSULTATION_INBOX],
    ['To', `Call Center DJPK <${CONSULTATION_INBOX}>`],
  ]
  const copied: [string, string][] = [
    ['To', 'Humas DJPK <humas.djpk@kemenkeu.go.id>'],
    ['Cc', CONSULTATION_INBOX],
  ]
  return prng.weighted([
    [direct, 85],
    [delivered, 10],
    [copied, 5],
  ])
}

function plainOrAlternative(
  prng: Prng,
  text: string,
): { headers: [string, string][]; body: string } {
  if (prng.chance(0.6)) {
    return { headers: [['Content-Type', 'text/plain; charset="UTF-8"']], body: text }
  }
  const b = boundary(prng)
  const parts = [`--${b}`, 'Content-Type: text/plain; charset="UTF-8"', '', text]
  parts.push(`--${b}`, 'Content-Type: text/html; charset="UTF-8"', '', htmlOf(text), `--${b}--`)
  return {
    headers: [['Content-Type', `multipart/alternative; boundary="${b}"`]],
    body: parts.join('\n'),
  }
}
