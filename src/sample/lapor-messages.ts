import { pickContactTime, pickEdgeTime, type MonthEdge } from './clock.js'
import { rfc5322Date } from './date-text.js'
import {
  base64Lines,
  boundary,
  foldedEncodedWords,
  mailbox,
  messageText,
  relayIp,
  type MailMessage,
} from './mime-text.js'
import { listOf } from './names.js'
import type { Prng } from './prng.js'
import type { Region } from './regions.js'
import { LAPOR_TITLES, laporAttachment } from './lapor-attachments.js'

const REPORT_INBOX = 'lapor.djpk@kemenkeu.go.id'

/** Who sends TKD disbursement documents: regional finance offices, often from Gmail. */
export interface LaporSender {
  name: string
  address: string
  region: Region
}

/** A 1×1 PNG: the logo Outlook puts inline in a signature, referenced by `cid:`. */
const LOGO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
const ROMAN = ['I', 'II', 'III'] as const

export interface LaporOptions {
  month: string
  /** Distinct documents attached (0: a message without attachment, skipped by the adapter). */
  documents: number
  edge?: MonthEdge
  /** Only an inline signature logo: still no document. */
  logoOnly?: boolean
}

/**
 * One message to the Email Lapor inbox carrying `documents` distinct attachments (each content
 * is unique: the message id is written into it). Some attach one file twice (one document),
 * some carry an inline `cid:` logo (not a document), some name files in RFC 2231 or RFC 2047.
 */
export function createLaporMessage(
  prng: Prng,
  sender: LaporSender,
  nextMessageId: (domain: string, sentAt: Date) => string,
  options: LaporOptions,
): MailMessage {
  const { month, edge } = options
  const sentAt = edge ? pickEdgeTime(prng, month, edge) : pickContactTime(prng, month)
  const domain = sender.address.split('@')[1]!
  const id = nextMessageId(domain, sentAt)
  const stage = prng.pick(ROMAN)
  const [mainTitle] = prng.pick(LAPOR_TITLES)
  const files = Array.from({ length: options.documents }, (_, i) =>
    laporAttachment(prng, id, i, stage, sender.region),
  )
  if (files.length > 0 && prng.chance(0.03)) files.push(files[0]!)

  const mixed = boundary(prng)
  const withLogo = options.logoOnly === true || prng.chance(0.1)
  const text = [
    'Yth. Direktur Jenderal Perimbangan Keuangan,',
    '',
    options.documents > 0
      ? `Bersama ini kami sampaikan ${mainTitle} tahap ${stage} ${sender.region.name} sebagaimana terlampir.`
      : `Mohon maaf, lampiran ${mainTitle} tahap ${stage} akan kami kirim menyusul.`,
    '',
    'Hormat kami,',
    sender.name,
  ].join('\n')
  const parts = [
    withLogo ? relatedPart(prng, text) : `Content-Type: text/plain; charset="UTF-8"\n\n${text}`,
    ...files,
  ]
  const body = parts.map((part) => `--${mixed}\n${part}`).join('\n') + `\n--${mixed}--`
  const subject = `${prng.pick(['Penyampaian ', 'Kirim ', 'Fwd: ', ''])}${mainTitle} Tahap ${stage} ${sender.region.name}`
  const headers: [string, string | null][] = [
    [
      'Received',
      `from mail.${domain} ([${relayIp(prng)}]) by mx1.kemenkeu.go.id; ${rfc5322Date(sentAt, 7)}`,
    ],
    ['Message-ID', `<${id}>`],
    ['Date', rfc5322Date(sentAt, edge ? 0 : 7)],
    ['From', mailbox(sender.name, sender.address)],
    ['To', REPORT_INBOX],
    ['Subject', prng.chance(0.1) ? foldedEncodedWords(subject) : subject],
    ['MIME-Version', '1.0'],
    ['Content-Type', `multipart/mixed; boundary="${mixed}"`],
  ]
  return {
    kind: 'report',
    sentAt,
    sender: sender.address,
    text: messageText(headers, body),
    documents: options.documents,
  }
}

/** HTML body with the signature logo inline (`cid:`): Outlook's multipart/related. */
function relatedPart(prng: Prng, text: string): string {
  const related = boundary(prng)
  const cid = `image001.png@01D7${prng.hex(4).toUpperCase()}.${prng.hex(8).toUpperCase()}`
  const html = `<html><body><p>${text.split('\n').join('<br>')}</p><img src="cid:${cid}"></body></html>`
  return [
    `Content-Type: multipart/related; boundary="${related}"`,
    '',
    `--${related}`,
    'Content-Type: text/html; charset="UTF-8"',
    '',
    html,
    `--${related}`,
    'Content-Type: image/png; name="image001.png"',
    'Content-Disposition: inline; filename="image001.png"',
    `Content-ID: <${cid}>`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(LOGO_PNG),
    `--${related}--`,
  ].join('\n')
}

const OFFICES = listOf(
  'BPKAD:bpkad, BKAD:bkad, DPMD:dpmd, Dinas Kesehatan:dinkes, Dinas Pendidikan:disdik',
).map((entry) => entry.split(':') as [string, string])

export function createLaporSender(
  prng: Prng,
  regions: readonly Region[],
  person: string,
): LaporSender {
  const region = prng.pick(regions)
  const [office, box] = prng.pick(OFFICES)
  const slug = region.domain.replace(/\.go\.id$/, '')
  const personal = person
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .replace(' ', '.')
  return prng.weighted([
    [{ name: `${office} ${region.name}`, address: `${box}@${region.domain}`, region }, 4],
    [{ name: person, address: `${personal}@bpkad.${region.domain}`, region }, 2],
    [{ name: `${office} ${region.name}`, address: `${box}.${slug}@gmail.com`, region }, 3],
  ])
}
