import { CHANNEL_LABELS, type Channel } from '../domain/channel.js'
import type { ReportJson } from './format-json.js'
import { monthsOfYear } from '../domain/wib-month.js'
import { MONTH_ABBREVIATIONS, nameMonth } from './month-names.js'
import { COLORS, MONTH_AXES, type Chapter } from './publication-blocks.js'
import {
  describeChannelChange,
  describeChannelShare,
  describeTopTopic,
} from './publication-sentences.js'

/** What each channel's page says about the service, as the 2021 publication does. */
const CHANNEL_NOTES: Record<Channel, string> = {
  whatsapp:
    'WhatsApp DJPK (0811-150420-7) dilayani agen Contact Center DJPK dengan aplikasi Sociomile, platform multichannel yang memudahkan distribusi tiket kepada para agen.',
  phone:
    'Telepon Dering DJPK (150420) dilayani agen Contact Center dengan aplikasi Avaya Agent Desktop dan Avaya One-X Communicator.',
  email: 'Konsultasi melalui email disampaikan ke alamat callcenter.djpk@kemenkeu.go.id.',
  hai_kemenkeu:
    'Layanan HAI Kemenkeu adalah layanan terintegrasi Contact Center Kemenkeu yang dapat diakses melalui situs hai.kemenkeu.go.id.',
  livechat:
    'Live Chat adalah layanan konsultasi yang paling baru diterapkan Call Center DJPK, diakses melalui situs contact-djpk.kemenkeu.go.id dengan tombol “Mulai Percakapan”; agen menanggapi dengan aplikasi Deskpro.',
}

/** A channel's page: what the service is, its share, its change, its top topic, its year. */
export function buildChannelChapter(json: ReportJson, channel: Channel): Chapter {
  const label = CHANNEL_LABELS[channel]
  return {
    id: `kanal-${channel}`,
    title: `Konsultasi ${label}`,
    subtitle: `Bulan ${nameMonth(json.month)}`,
    blocks: [
      ...[
        CHANNEL_NOTES[channel],
        describeChannelShare(json, channel),
        describeChannelChange(json, channel),
        describeTopTopic(json, channel),
      ].map((text) => ({ kind: 'paragraph', text }) as const),
      {
        kind: 'figure',
        title: `Jumlah Pengguna ${label} ${json.year}`,
        chart: {
          type: 'bars',
          labels: MONTH_ABBREVIATIONS,
          axes: MONTH_AXES,
          series: [
            {
              name: label,
              color: COLORS.current,
              values: monthsOfYear(json.year).map(
                (m) => json.consultations.by_channel[m]?.[channel] ?? 0,
              ),
            },
          ],
        },
      },
    ],
  }
}
