import type { Channel } from '../domain/channel.js'

export type ChannelCounts = Readonly<Record<Channel, number>>

/**
 * Consultations the sample holds, per WIB month and channel. Monthly totals, the yearly WhatsApp
 * figures and the November/December 2021 split are the published report's
 * (Statistik Layanan Informasi DJPK 2021); the other months' split is made up: WhatsApp near
 * 75% of each month, then phone, email and HAI Kemenkeu, and live chat from April 2021, when it
 * opened. Tickets that are not consultations (spam, abandoned calls and chats) come on top.
 */
export const CONSULTATION_PLAN: Readonly<Record<string, ChannelCounts>> = {
  '2020-01': { whatsapp: 688, phone: 87, email: 107, hai_kemenkeu: 19, livechat: 0 },
  '2020-02': { whatsapp: 782, phone: 109, email: 133, hai_kemenkeu: 24, livechat: 0 },
  '2020-03': { whatsapp: 788, phone: 105, email: 128, hai_kemenkeu: 23, livechat: 0 },
  '2020-04': { whatsapp: 702, phone: 100, email: 123, hai_kemenkeu: 22, livechat: 0 },
  '2020-05': { whatsapp: 990, phone: 124, email: 151, hai_kemenkeu: 27, livechat: 0 },
  '2020-06': { whatsapp: 631, phone: 89, email: 109, hai_kemenkeu: 20, livechat: 0 },
  '2020-07': { whatsapp: 814, phone: 107, email: 130, hai_kemenkeu: 23, livechat: 0 },
  '2020-08': { whatsapp: 487, phone: 71, email: 86, hai_kemenkeu: 16, livechat: 0 },
  '2020-09': { whatsapp: 788, phone: 106, email: 129, hai_kemenkeu: 23, livechat: 0 },
  '2020-10': { whatsapp: 643, phone: 83, email: 102, hai_kemenkeu: 18, livechat: 0 },
  '2020-11': { whatsapp: 572, phone: 80, email: 98, hai_kemenkeu: 18, livechat: 0 },
  '2020-12': { whatsapp: 463, phone: 64, email: 77, hai_kemenkeu: 14, livechat: 0 },
  '2021-01': { whatsapp: 686, phone: 87, email: 108, hai_kemenkeu: 21, livechat: 0 },
  '2021-02': { whatsapp: 853, phone: 113, email: 150, hai_kemenkeu: 32, livechat: 0 },
  '2021-03': { whatsapp: 849, phone: 110, email: 140, hai_kemenkeu: 31, livechat: 0 },
  '2021-04': { whatsapp: 837, phone: 107, email: 145, hai_kemenkeu: 29, livechat: 15 },
  '2021-05': { whatsapp: 679, phone: 78, email: 101, hai_kemenkeu: 21, livechat: 11 },
  '2021-06': { whatsapp: 814, phone: 106, email: 135, hai_kemenkeu: 30, livechat: 14 },
  '2021-07': { whatsapp: 624, phone: 75, email: 98, hai_kemenkeu: 20, livechat: 10 },
  '2021-08': { whatsapp: 604, phone: 80, email: 105, hai_kemenkeu: 22, livechat: 11 },
  '2021-09': { whatsapp: 672, phone: 85, email: 106, hai_kemenkeu: 21, livechat: 11 },
  '2021-10': { whatsapp: 645, phone: 76, email: 99, hai_kemenkeu: 22, livechat: 10 },
  '2021-11': { whatsapp: 675, phone: 86, email: 117, hai_kemenkeu: 22, livechat: 14 },
  '2021-12': { whatsapp: 844, phone: 124, email: 152, hai_kemenkeu: 42, livechat: 12 },
}

/** Email Lapor documents per WIB month received: the report's 2021 table (none for 2020). */
export const DOCUMENT_PLAN: Readonly<Record<string, number>> = {
  '2021-01': 2160,
  '2021-02': 1155,
  '2021-03': 1359,
  '2021-04': 1351,
  '2021-05': 951,
  '2021-06': 902,
  '2021-07': 1455,
  '2021-08': 1667,
  '2021-09': 1646,
  '2021-10': 1333,
  '2021-11': 1209,
  '2021-12': 1034,
}

/** The months the sample covers, oldest first. */
export const SAMPLE_MONTHS: readonly string[] = Object.keys(CONSULTATION_PLAN).sort()

export function plannedConsultations(month: string, channel: Channel): number {
  return CONSULTATION_PLAN[month]?.[channel] ?? 0
}
