import type { Customer } from './customer.js'
import { rfc5322Date } from './date-text.js'
import { boundary, mailbox, messageText, type MailMessage } from './mime-text.js'
import type { Prng } from './prng.js'

const INBOX = 'callcenter.djpk@kemenkeu.go.id'

/** An agent's reply that the customer's side answered automatically. */
export interface NoticeContext {
  customer: Customer
  inReplyTo: string
  references: string[]
  subject: string
  at: Date
  messageId: (domain: string, sentAt: Date) => string
}

/** The three ways servers mark an automatic answer (formats/email.md): all are skipped. */
const AUTO_REPLY_MARKS: readonly (readonly [string, string][])[] = [
  [['Auto-Submitted', 'auto-replied']],
  [
    ['X-Autoreply', 'yes'],
    ['Auto-Submitted', 'auto-replied'],
  ],
  [['Precedence', 'auto_reply']],
]

/** An out-of-office answer from the customer's mailbox to the contact center's reply. */
export function autoReply(prng: Prng, notice: NoticeContext): MailMessage {
  const { customer, at } = notice
  const domain = customer.email.split('@')[1]!
  const text = messageText(
    [
      ['Message-ID', `<${notice.messageId(domain, at)}>`],
      ['In-Reply-To', `<${notice.inReplyTo}>`],
      ['References', notice.references.map((r) => `<${r}>`).join(' ')],
      ['Date', rfc5322Date(at, 7)],
      ['From', mailbox(customer.name, customer.email)],
      ['To', INBOX],
      [
        'Subject',
        `${prng.pick(['Balasan Otomatis', 'Automatic reply', 'Out of Office'])}: ${notice.subject}`,
      ],
      ...prng.pick(AUTO_REPLY_MARKS),
      ['MIME-Version', '1.0'],
      ['Content-Type', 'text/plain; charset="UTF-8"'],
    ],
    'Terima kasih atas email Anda. Saya sedang dinas luar dan akan membalas setelah kembali ke kantor.',
  )
  return { kind: 'auto-reply', sentAt: at, sender: customer.email, text, documents: 0 }
}

/** The customer's server could not deliver the reply: a delivery status report to the inbox. */
export function bounce(prng: Prng, notice: NoticeContext): MailMessage {
  const { customer, at } = notice
  const domain = customer.email.split('@')[1]!
  const daemon =
    domain === 'gmail.com' ? 'mailer-daemon@googlemail.com' : `MAILER-DAEMON@mail.${domain}`
  const b = boundary(prng)
  const body = [
    `--${b}`,
    'Content-Type: text/plain; charset="UTF-8"',
    '',
    `Pesan Anda tidak dapat dikirim ke ${customer.email} karena kotak surat penerima penuh.`,
    `--${b}`,
    'Content-Type: message/delivery-status',
    '',
    `Reporting-MTA: dns; mail.${domain}`,
    '',
    `Final-Recipient: rfc822; ${customer.email}`,
    'Action: failed',
    'Status: 5.2.2',
    `--${b}`,
    'Content-Type: text/rfc822-headers',
    '',
    `Message-ID: <${notice.inReplyTo}>`,
    `Subject: ${notice.subject}`,
    `--${b}--`,
  ].join('\n')
  const text = messageText(
    [
      ['Message-ID', `<${notice.messageId(domain, at)}>`],
      ['Date', rfc5322Date(at, 7)],
      ['From', mailbox('Mail Delivery Subsystem', daemon)],
      ['To', INBOX],
      ['Subject', 'Delivery Status Notification (Failure)'],
      ['MIME-Version', '1.0'],
      ['Content-Type', `multipart/report; report-type=delivery-status; boundary="${b}"`],
    ],
    body,
  )
  return { kind: 'bounce', sentAt: at, sender: daemon, text, documents: 0 }
}
