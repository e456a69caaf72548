/**
 * The publication's sentences, as templates over the report's JSON (docs/reporting.md): every
 * figure comes from it, and each sentence reads naturally for a rise, a fall, no change, zero
 * and a missing base. Wording follows the 2021 publication.
 */
import { CHANNELS, type Channel } from '../domain/channel.js'
import { SEGMENT_LABELS, SEGMENTS } from '../domain/segment.js'
import { OTHER_TOPIC } from '../domain/topic.js'
import { formatCount, formatPercentIn } from './format-number.js'
import type { ReportJson } from './format-json.js'
import { monthsOfYear } from '../domain/wib-month.js'
import { MONTH_NAMES, nameMonth } from './month-names.js'
import { percentChange, percentOf } from './percent.js'

/** Shares print with one decimal (71,9%), changes with two (44,19%), as the publication does. */
const share = (part: number, whole: number) => formatPercentIn(percentOf(part, whole, 1) ?? 0, 1)
const change = (pct: number, decimals = 2) => formatPercentIn(pct, decimals)
const konsultasi = (n: number) => `${formatCount(n)} konsultasi`

/**
 * How a sentence names the channel after "melalui" and after "layanan", and how many decimals
 * its change against the month before has. The publication writes the WhatsApp and telephone
 * changes with two (25,04%, 44,19%) and the HAI Kemenkeu and Live Chat ones with one (90,9%,
 * 14,3%); email, which it has no page for, takes two like the other changes.
 */
const CHANNEL_IN_SENTENCE: Record<
  Channel,
  { via: string; service: string; changeDecimals: number }
> = {
  whatsapp: { via: 'WA', service: 'WhatsApp', changeDecimals: 2 },
  phone: { via: 'telepon', service: 'telepon', changeDecimals: 2 },
  email: { via: 'email', service: 'email', changeDecimals: 2 },
  hai_kemenkeu: { via: 'HAI Kemenkeu', service: 'HAI Kemenkeu', changeDecimals: 1 },
  livechat: { via: 'Live Chat', service: 'Live Chat', changeDecimals: 1 },
}

const hasData = (json: ReportJson, month: string) => json.months_with_data.includes(month)
const yearTotal = (json: ReportJson, year: number) => json.consultations.yearly_total[year] ?? 0

/** "Sepanjang Tahun 2021 terdapat total 11.786 konsultasi. Hal ini mengalami peningkatan …" */
export function describeYearGrowth(json: ReportJson): string {
  const { year } = json
  const total = yearTotal(json, year)
  const previous = yearTotal(json, year - 1)
  if (total === 0) return `Belum ada data konsultasi Tahun ${year}.`
  const opening = `Sepanjang Tahun ${year} terdapat total ${konsultasi(total)}.`
  const growth = json.consultations.yearly_growth_pct
  if (growth == null) return `${opening} Belum ada data Tahun ${year - 1} sebagai pembanding.`
  if (growth === 0) {
    return `${opening} Jumlah ini sama dengan Tahun ${year - 1} yang juga terdapat total ${konsultasi(previous)}.`
  }
  const direction = growth > 0 ? 'peningkatan' : 'penurunan'
  return `${opening} Hal ini mengalami ${direction} sebesar ${change(growth)} dari Tahun ${year - 1} yang terdapat total ${konsultasi(previous)}.`
}

/** "Selama Tahun 2020–2021, tiket konsultasi dari WhatsApp mencapai 75,3% dan 74,5% …" */
export function describeWhatsappShare(json: ReportJson): string {
  const years = [json.year - 1, json.year].filter((y) => yearTotal(json, y) > 0)
  if (years.length === 0) return `Belum ada data konsultasi Tahun ${json.year - 1}–${json.year}.`
  const shares = years.map((y) => {
    const split = json.consultations.yearly_whatsapp_vs_other[y]!
    return share(split.whatsapp, split.whatsapp + split.other)
  })
  const current = json.consultations.yearly_whatsapp_vs_other[json.year]
  const dominant = current !== undefined && current.whatsapp > current.other
  const period = years.length === 2 ? `Tahun ${years[0]}–${years[1]}` : `Tahun ${years[0]}`
  return (
    (dominant ? 'Konsultasi masih didominasi melalui WhatsApp DJPK. ' : '') +
    `Selama ${period}, tiket konsultasi dari WhatsApp mencapai ${shares.join(' dan ')} dari seluruh total konsultasi.`
  )
}

/** The month against the month before and the same month a year earlier. */
export function describeMonthComparison(json: ReportJson): string[] {
  const b = json.consultations.month_breakdown
  const { total } = b
  const month = nameMonth(b.month)
  if (!hasData(json, b.month)) return [`Belum ada data konsultasi bulan ${month}.`]
  const previousMonth = nameMonth(b.previous_month)
  const lastYear = nameMonth(b.same_month_last_year)
  const previous = total.change_vs_previous_month_pct
  const first =
    previous == null
      ? `Jumlah konsultasi di bulan ${month} sebanyak ${konsultasi(total.consultations)}; bulan sebelumnya (${previousMonth}) belum ada konsultasi sebagai pembanding.`
      : previous === 0
        ? `Jumlah konsultasi di bulan ${month} sama dengan bulan sebelumnya, yaitu ${konsultasi(total.previous_month_consultations)}.`
        : `Jumlah konsultasi di bulan ${month} ${previous > 0 ? 'meningkat' : 'turun'} (${change(previous)}) dibandingkan bulan sebelumnya yang sebanyak ${konsultasi(total.previous_month_consultations)}.`
  const yearly = total.change_vs_same_month_last_year_pct
  const second =
    yearly == null
      ? `Belum ada data bulan ${lastYear} sebagai pembanding tahunan.`
      : yearly === 0
        ? `Jika dibandingkan dengan jumlah di bulan ${lastYear}, jumlah konsultasi ${month} sama, yaitu ${konsultasi(total.consultations)}.`
        : `Jika dibandingkan dengan jumlah di bulan ${lastYear}, jumlah konsultasi ${month} ${yearly > 0 ? 'meningkat' : 'turun'} sebesar ${change(yearly)}.`
  return [first, second]
}

/** "Selama tahun 2021 (Januari s.d. Desember), jumlah konsultasi yang dilayani adalah …" */
export function describeYearToDate(json: ReportJson): string {
  const { year } = json
  const months = monthsOfYear(year).filter((m) => hasData(json, m))
  const last = months.at(-1)
  if (!last) return `Belum ada data konsultasi Tahun ${year}.`
  const media = CHANNELS.filter((c) =>
    months.some((m) => (json.consultations.by_channel[m]?.[c] ?? 0) > 0),
  ).map((c) => json.consultations.month_breakdown.channels.find((r) => r.channel === c)!.label)
  const span = `${MONTH_NAMES[0]} s.d. ${MONTH_NAMES[Number(last.slice(5)) - 1]}`
  return `Selama tahun ${year} (${span}), jumlah konsultasi yang dilayani adalah sebanyak ${konsultasi(yearTotal(json, year))} dengan menggunakan ${media.length > 1 ? 'berbagai media' : 'media'} (${joinList(media)}).`
}

/** The month's largest segment. */
export function describeTopSegment(json: ReportJson): string {
  const counts = json.segments[json.month]
  const month = nameMonth(json.month)
  if (!counts || counts.total === 0) {
    return `Belum ada data pengguna layanan konsultasi bulan ${month}.`
  }
  const most = Math.max(...SEGMENTS.map((s) => counts[s]))
  const top = SEGMENTS.filter((s) => counts[s] === most).map((s) => SEGMENT_LABELS[s])
  return `Pada bulan ${month}, pengguna layanan konsultasi terbanyak adalah ${joinList(top)} (${share(most, counts.total)} atau ${konsultasi(most)}${top.length > 1 ? ' masing-masing' : ''}).`
}

/** "Pada bulan Desember 2021, sebanyak 71,9% pengguna (844 konsultasi) menggunakan layanan …" */
export function describeChannelShare(json: ReportJson, channel: Channel): string {
  const b = json.consultations.month_breakdown
  const month = nameMonth(b.month)
  const { service } = CHANNEL_IN_SENTENCE[channel]
  const row = b.channels.find((c) => c.channel === channel)
  if (!hasData(json, b.month) || !row) return `Belum ada data konsultasi bulan ${month}.`
  if (row.consultations === 0) {
    return `Pada bulan ${month}, tidak ada pengguna yang menggunakan layanan ${service} sebagai media konsultasi.`
  }
  return `Pada bulan ${month}, sebanyak ${share(row.consultations, b.total.consultations)} pengguna (${konsultasi(row.consultations)}) menggunakan layanan ${service} sebagai media konsultasi.`
}

/** "Jumlah konsultasi di bulan Desember 2021 melalui telepon meningkat sebesar 44,19% …" */
export function describeChannelChange(json: ReportJson, channel: Channel): string {
  const b = json.consultations.month_breakdown
  const month = nameMonth(b.month)
  const previousMonth = nameMonth(b.previous_month)
  const { via, changeDecimals } = CHANNEL_IN_SENTENCE[channel]
  const row = b.channels.find((c) => c.channel === channel)
  if (!hasData(json, b.month) || !row) return `Belum ada data konsultasi bulan ${month}.`
  if (!hasData(json, b.previous_month)) return `Belum ada data ${previousMonth} sebagai pembanding.`
  // The JSON's change has two decimals: rounded again from the counts, not from those.
  const pct = percentChange(row.consultations, row.previous_month_consultations, changeDecimals)
  const subject = `Jumlah konsultasi di bulan ${month} melalui ${via}`
  if (pct == null) {
    return `${subject} sebanyak ${konsultasi(row.consultations)}, sedangkan pada ${previousMonth} belum ada konsultasi melalui ${via}.`
  }
  if (pct === 0) {
    return `${subject} sama dengan ${previousMonth}, yaitu ${konsultasi(row.consultations)}.`
  }
  return `${subject} ${pct > 0 ? 'meningkat' : 'turun'} sebesar ${change(pct, changeDecimals)} dibandingkan ${previousMonth}.`
}

/**
 * "Topik yang paling banyak ditanyakan melalui telepon adalah terkait …", by the taxonomy's
 * labels; `lainnya` (text no topic rule knows) is never the answer.
 */
export function describeTopTopic(json: ReportJson, channel: Channel): string {
  const listed = json.top_topics[json.month]?.[channel] ?? []
  const topics = listed.filter((t) => t.code !== OTHER_TOPIC)
  const { via } = CHANNEL_IN_SENTENCE[channel]
  const first = topics[0]
  if (!first) {
    const month = nameMonth(json.month)
    return listed.length === 0
      ? `Belum ada topik tercatat untuk konsultasi melalui ${via} pada bulan ${month}.`
      : `Topik konsultasi melalui ${via} pada bulan ${month} belum ada yang termasuk daftar topik.`
  }
  const tied = topics.filter((t) => t.consultations === first.consultations).map((t) => t.topic)
  return `Topik yang paling banyak ditanyakan melalui ${via} adalah terkait ${joinList(tied)} (${konsultasi(first.consultations)}${tied.length > 1 ? ' masing-masing' : ''}).`
}

/** "Sepanjang Tahun 2021 terdapat 16.222 dokumen persyaratan salur TKDD …" */
export function describeDocumentTotal(json: ReportJson): string {
  const total = json.email_lapor_documents.yearly_total[json.year] ?? 0
  if (total === 0) return `Belum ada data dokumen Email Lapor Tahun ${json.year}.`
  return `Sepanjang Tahun ${json.year} terdapat ${formatCount(total)} dokumen persyaratan salur TKDD yang disampaikan melalui Email Lapor.`
}

/** "Belum ada data untuk bulan April s.d. Desember 2022." or null when every month has data. */
export function describeMissingMonths(json: ReportJson, year: number): string | null {
  const missing = monthsOfYear(year)
    .map((m, i) => (hasData(json, m) ? -1 : i))
    .filter((i) => i >= 0)
  if (missing.length === 0) return null
  if (missing.length === 12) return `Belum ada data Tahun ${year}.`
  const runs: number[][] = []
  for (const i of missing) {
    const run = runs.at(-1)
    if (run && run.at(-1) === i - 1) run.push(i)
    else runs.push([i])
  }
  const names = runs.map((run) =>
    run.length === 1
      ? MONTH_NAMES[run[0]!]!
      : `${MONTH_NAMES[run[0]!]!} s.d. ${MONTH_NAMES[run.at(-1)!]!}`,
  )
  return `Belum ada data untuk bulan ${joinList(names)} ${year}.`
}

/** 'a', 'a dan b', 'a, b, dan c'. */
function joinList(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' dan ')
  return `${items.slice(0, -1).join(', ')}, dan ${items.at(-1)}`
}
