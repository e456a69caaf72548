import { describe, expect, it } from 'vitest'
import { buildReport } from '../../src/report/build-report.js'
import { formatReport } from '../../src/report/format-report.js'
import { toReportJson } from '../../src/report/format-json.js'
import {
  describeChannelChange,
  describeChannelShare,
  describeMissingMonths,
  describeMonthComparison,
  describeTopTopic,
  describeYearGrowth,
} from '../../src/report/publication-sentences.js'
import type { ReportFigures } from '../../src/report/report.js'
import { figuresOf2021Publication } from '../support/report-rollups.js'

const json = toReportJson(buildReport(figuresOf2021Publication(), 2021, '2021-12'))

/** Phone consultations of two months only: November and December 2021. */
function phoneOnly(november: number, december: number): ReturnType<typeof toReportJson> {
  const row = (month: string, consultations: number) => ({
    month,
    channel: 'phone',
    consultations,
    abandoned: 1,
    firstResponseMedianSeconds: null,
    firstResponseMeanSeconds: null,
  })
  const figures: ReportFigures = {
    channelMonths: [row('2021-11', november), row('2021-12', december)],
    segmentMonths: [],
    documentMonths: [],
    topics: [],
  }
  return toReportJson(buildReport(figures, 2021, '2021-12'))
}

describe('the publication sentences (the 2021 December figures)', () => {
  it('say a rise, a fall and the shares as the publication does', () => {
    expect(describeChannelShare(json, 'whatsapp')).toBe(
      'Pada bulan Desember 2021, sebanyak 71,9% pengguna (844 konsultasi) menggunakan layanan WhatsApp sebagai media konsultasi.',
    )
    expect(describeChannelShare(json, 'livechat')).toContain(
      'sebanyak 1,0% pengguna (12 konsultasi)',
    )
    expect(describeChannelChange(json, 'whatsapp')).toBe(
      'Jumlah konsultasi di bulan Desember 2021 melalui WA meningkat sebesar 25,04% dibandingkan November 2021.',
    )
    expect(describeChannelChange(json, 'livechat')).toBe(
      'Jumlah konsultasi di bulan Desember 2021 melalui Live Chat turun sebesar 14,3% dibandingkan November 2021.',
    )
    expect(describeMonthComparison(json)).toEqual([
      'Jumlah konsultasi di bulan Desember 2021 meningkat (28,45%) dibandingkan bulan sebelumnya yang sebanyak 914 konsultasi.',
      'Jika dibandingkan dengan jumlah di bulan Desember 2020, jumlah konsultasi Desember 2021 meningkat sebesar 89,97%.',
    ])
    expect(describeYearGrowth(json)).toBe(
      'Sepanjang Tahun 2021 terdapat total 11.786 konsultasi. Hal ini mengalami peningkatan sebesar 6,25% dari Tahun 2020 yang terdapat total 11.093 konsultasi.',
    )
  })

  it('name the top topic, ties together, and say when there is none', () => {
    expect(describeTopTopic(json, 'phone')).toBe(
      'Topik yang paling banyak ditanyakan melalui telepon adalah terkait Dana Alokasi Umum (30 konsultasi).',
    )
    expect(describeTopTopic(json, 'livechat')).toBe(
      'Belum ada topik tercatat untuk konsultasi melalui Live Chat pada bulan Desember 2021.',
    )
    const topics = (ranked: [string, string, number][]) => ({
      ...json,
      top_topics: {
        '2021-12': {
          ...json.top_topics['2021-12']!,
          livechat: ranked.map(([code, topic, consultations], i) => ({
            rank: i + 1,
            topic,
            code,
            consultations,
          })),
        },
      },
    })
    const tie = topics([
      ['dau', 'Dana Alokasi Umum', 3],
      ['dbh', 'Dana Bagi Hasil', 3],
      ['dana_desa', 'Dana Desa', 1],
    ])
    expect(describeTopTopic(tie, 'livechat')).toBe(
      'Topik yang paling banyak ditanyakan melalui Live Chat adalah terkait Dana Alokasi Umum dan Dana Bagi Hasil (3 konsultasi masing-masing).',
    )
    // lainnya is never the answer: the first topic of the list is.
    const other = topics([
      ['lainnya', 'Lainnya', 9],
      ['dbh', 'Dana Bagi Hasil', 2],
    ])
    expect(describeTopTopic(other, 'livechat')).toBe(
      'Topik yang paling banyak ditanyakan melalui Live Chat adalah terkait Dana Bagi Hasil (2 konsultasi).',
    )
    expect(describeTopTopic(topics([['lainnya', 'Lainnya', 9]]), 'livechat')).toBe(
      'Topik konsultasi melalui Live Chat pada bulan Desember 2021 belum ada yang termasuk daftar topik.',
    )
  })
})

describe('the publication sentences for every sign and zero', () => {
  it('no change is "sama dengan", with the count', () => {
    expect(describeChannelChange(phoneOnly(7, 7), 'phone')).toBe(
      'Jumlah konsultasi di bulan Desember 2021 melalui telepon sama dengan November 2021, yaitu 7 konsultasi.',
    )
    expect(describeMonthComparison(phoneOnly(7, 7))[0]).toBe(
      'Jumlah konsultasi di bulan Desember 2021 sama dengan bulan sebelumnya, yaitu 7 konsultasi.',
    )
  })

  it('a fall is "turun", a base of zero has no percentage', () => {
    expect(describeChannelChange(phoneOnly(8, 2), 'phone')).toContain('turun sebesar 75,00%')
    expect(describeChannelChange(phoneOnly(0, 2), 'phone')).toBe(
      'Jumlah konsultasi di bulan Desember 2021 melalui telepon sebanyak 2 konsultasi, sedangkan pada November 2021 belum ada konsultasi melalui telepon.',
    )
  })

  it('zero consultations in the month, and a channel without any', () => {
    expect(describeChannelShare(phoneOnly(3, 0), 'phone')).toBe(
      'Pada bulan Desember 2021, tidak ada pengguna yang menggunakan layanan telepon sebagai media konsultasi.',
    )
    expect(describeChannelChange(phoneOnly(3, 5), 'email')).toBe(
      'Jumlah konsultasi di bulan Desember 2021 melalui email sebanyak 0 konsultasi, sedangkan pada November 2021 belum ada konsultasi melalui email.',
    )
  })

  it('a year without a base says so instead of a growth', () => {
    expect(describeYearGrowth(phoneOnly(3, 5))).toBe(
      'Sepanjang Tahun 2021 terdapat total 8 konsultasi. Belum ada data Tahun 2020 sebagai pembanding.',
    )
  })

  it('names the months without data', () => {
    expect(describeMissingMonths(phoneOnly(3, 5), 2021)).toBe(
      'Belum ada data untuk bulan Januari s.d. Oktober 2021.',
    )
    expect(describeMissingMonths(phoneOnly(3, 5), 2020)).toBe('Belum ada data Tahun 2020.')
    expect(describeMissingMonths(json, 2021)).toBeNull()
  })

  it('draws no empty axes: a chart without data says "Belum ada data"', () => {
    const html = formatReport(buildReport({ ...emptyFigures() }, 2021, '2021-12'), 'html')
    expect(html).toContain('<div class="no-data">Belum ada data</div>')
    expect(html).not.toContain('<svg')
    expect(html).toContain('Belum ada data Tahun 2021.')
  })
})

function emptyFigures(): ReportFigures {
  return { channelMonths: [], segmentMonths: [], documentMonths: [], topics: [] }
}
