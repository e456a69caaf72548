import { describe, expect, it } from 'vitest'
import { buildReport } from '../../src/report/build-report.js'
import { formatReport } from '../../src/report/format-report.js'
import type { ReportJson } from '../../src/report/format-json.js'
import { shiftMonth } from '../../src/domain/wib-month.js'
import { nameMonth } from '../../src/report/month-names.js'
import { REPORT_2021, figuresOf2021Report } from './published-figures.js'

const figures = figuresOf2021Report()
const report = buildReport(
  {
    ...figures,
    segmentMonths: [
      { month: '2021-12', segment: 'pemda', consultations: 700 },
      { month: '2021-12', segment: 'lainnya', consultations: 474 },
    ],
    topics: [
      {
        channel: 'phone',
        rank: 1,
        topic: 'Penyaluran kembali DAU yang ditunda',
        code: 'dau',
        consultations: 40,
      },
      {
        channel: 'whatsapp',
        rank: 1,
        topic: 'Dana Desa, "tahap II"',
        code: 'dana_desa',
        consultations: 200,
      },
    ],
  },
  2021,
  '2021-12',
)

describe('month names', () => {
  it('names months in Indonesian and shifts across years', () => {
    expect(nameMonth('2021-08')).toBe('Agustus 2021')
    expect(shiftMonth('2021-01', -1)).toBe('2020-12')
    expect(shiftMonth('2021-12', -12)).toBe('2020-12')
    expect(shiftMonth('2021-12', 1)).toBe('2022-01')
  })
})

describe('table format', () => {
  const text = formatReport(report, 'table')

  it('aligns the monthly table under Indonesian month headers', () => {
    expect(text).toContain(
      [
        'Tahun  Jan    Feb    Mar    Apr    Mei    Jun    Jul  Agt    Sep  Okt  Nov    Des   Total',
        '2020   901  1.048  1.044    947  1.292    849  1.074  660  1.046  846  768    618  11.093',
        '2021   902  1.148  1.130  1.133    890  1.099    827  822    895  852  914  1.174  11.786',
        'Total 2021: 11.786 konsultasi; 2020: 11.093; perubahan +6,25%.',
      ].join('\n'),
    )
  })

  it("shows the month's channel breakdown with shares and signed changes", () => {
    expect(text).toContain('Konsultasi Desember 2021 per kanal')
    expect(text).toMatch(/^WhatsApp +844 +71,89% +675 +\+25,04% +465 +\+81,51% +0 +– +–$/m)
    expect(text).toMatch(/^Live Chat +12 +1,02% +14 +-14,29% +0 +– +0/m)
    expect(text).toMatch(/^Total +1\.174 +100,00% +914 +\+28,45% +618 +\+89,97% +0$/m)
  })

  it('has WhatsApp against the other channels, segments, topics and documents', () => {
    expect(text).toMatch(/^2020 +8\.348 +75,25% +2\.745 +24,75% +11\.093$/m)
    expect(text).toMatch(/^Pemda( +0){11} +700 +700$/m)
    expect(text).toMatch(/^Telepon +1 +Penyaluran kembali DAU yang ditunda +40$/m)
    expect(text).toContain('Total 2021: 16.222 dokumen.')
  })
})

describe('csv format', () => {
  const lines = formatReport(report, 'csv').trimEnd().split('\n')

  it('writes one observation per line under a fixed header', () => {
    expect(lines[0]).toBe('table,period,channel,segment,rank,topic,metric,value')
    expect(lines).toContain('consultations,2021-12,,,,,consultations,1174')
    expect(lines).toContain('consultations,2021-12,whatsapp,,,,consultations,844')
    expect(lines).toContain('year,2021,whatsapp,,,,share_pct,74.51')
    expect(lines).toContain('year,2021,,,,,change_vs_previous_year_pct,6.25')
    expect(lines).toContain(
      'month_breakdown,2021-12,livechat,,,,change_vs_previous_month_pct,-14.29',
    )
    expect(lines).toContain('month_breakdown,2021-12,email,,,,change_vs_same_month_last_year_pct,')
    expect(lines).toContain('segments,2021-12,,pemda,,,consultations,700')
    expect(lines).toContain('email_lapor,2021-01,,,,,documents,2160')
  })

  it('quotes a cell holding a comma or a quote', () => {
    expect(lines).toContain(
      'top_topics,2021-12,whatsapp,,1,"Dana Desa, ""tahap II""",consultations,200',
    )
  })
})

describe('json format', () => {
  const json = JSON.parse(formatReport(report, 'json')) as ReportJson

  it('uses the keys of the published figures where they overlap', () => {
    expect(json).toMatchObject({
      format: 'dering-report',
      version: 1,
      year: 2021,
      month: '2021-12',
      timezone: 'Asia/Jakarta',
      consultations: {
        monthly_total: REPORT_2021.consultations.monthly_total,
        yearly_total: { '2020': 11093, '2021': 11786 },
        yearly_growth_pct: 6.25,
        yearly_whatsapp_vs_other: {
          '2020': {
            whatsapp: 8348,
            other: 2745,
            whatsapp_share_pct: 75.25,
            other_share_pct: 24.75,
          },
          '2021': {
            whatsapp: 8782,
            other: 3004,
            whatsapp_share_pct: 74.51,
            other_share_pct: 25.49,
          },
        },
        by_channel: REPORT_2021.consultations.by_channel,
      },
      email_lapor_documents: {
        monthly: { '2021': REPORT_2021.email_lapor_documents.monthly['2021'] },
        yearly_total: { '2021': 16222 },
      },
    })
    expect(Object.keys(json.consultations.by_channel)).toHaveLength(24)
  })

  it("holds the month's breakdown and its changes keyed as the published ones", () => {
    expect(json.consultations.month_breakdown.total).toEqual({
      consultations: 1174,
      previous_month_consultations: 914,
      change_vs_previous_month_pct: 28.45,
      same_month_last_year_consultations: 618,
      change_vs_same_month_last_year_pct: 89.97,
    })
    expect(json.consultations.month_breakdown.channels[4]).toEqual({
      channel: 'livechat',
      label: 'Live Chat',
      consultations: 12,
      previous_month_consultations: 14,
      change_vs_previous_month_pct: -14.29,
      same_month_last_year_consultations: 0,
      change_vs_same_month_last_year_pct: null,
      share_pct: 1.02,
      abandoned: 0,
      first_response_median_seconds: null,
      first_response_mean_seconds: null,
    })
    expect(json.consultations.changes).toMatchObject({
      '2021-12_vs_2021-11_total_pct': 28.45,
      '2021-12_vs_2020-12_total_pct': 89.97,
      '2021-12_vs_2021-11_hai_kemenkeu_pct': 90.91,
    })
    expect(json.segments['2021-12']).toEqual({
      pemda: 700,
      kementerian_lembaga: 0,
      mahasiswa: 0,
      lainnya: 474,
      total: 1174,
    })
    expect(json.top_topics['2021-12']?.phone).toEqual([
      { rank: 1, topic: 'Penyaluran kembali DAU yang ditunda', code: 'dau', consultations: 40 },
    ])
  })
})

describe('html format', () => {
  const html = formatReport(report, 'html')

  it('is one page of chapters with numbered figures and tables, each with its source', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true)
    const figures = html.match(/<figcaption>Gambar \d+\./g) ?? []
    expect(figures).toHaveLength(html.match(/<figure>/g)!.length)
    expect(figures[0]).toBe('<figcaption>Gambar 1.')
    expect(html).toContain(
      '<figcaption>Gambar 1. Rincian Tiket Konsultasi Tahun 2020–2021</figcaption>',
    )
    expect(html).toContain('<p class="table-title">Tabel 3. Konsultasi Desember 2021 per kanal</p>')
    expect(html).toContain('<td class="n">71,89%</td>')
    expect(html.match(/<p class="source">Sumber: dering<\/p>/g)).toHaveLength(
      figures.length + (html.match(/<div class="table">/g) ?? []).length,
    )
  })

  it('writes the publication sentences with the figures of the data', () => {
    expect(html).toContain(
      'Pada bulan Desember 2021, sebanyak 71,9% pengguna (844 konsultasi) menggunakan layanan WhatsApp sebagai media konsultasi.',
    )
    expect(html).toContain(
      'Jumlah konsultasi di bulan Desember 2021 melalui telepon meningkat sebesar 44,19% dibandingkan November 2021.',
    )
    expect(html).toContain(
      'Topik yang paling banyak ditanyakan melalui telepon adalah terkait Penyaluran kembali DAU yang ditunda (40 konsultasi).',
    )
  })

  it('writes axis titles, Indonesian axis numbers and values on the bars', () => {
    expect(html).toContain('>Jumlah konsultasi</text>')
    expect(html).toContain('>Bulan</text>')
    expect(html).toMatch(/text-anchor="end">1\.600<\/text>/)
    expect(html).toMatch(/>8\.348<\/text>/)
    // only years are written as four digits without a thousands dot
    expect(html).not.toMatch(/>(?!20\d\d<)\d{4,}<\/text>/)
  })

  it('has a print layout: A4, a chapter per page, no break inside a figure', () => {
    expect(html).toContain('@page { size: A4;')
    expect(html).toMatch(/section\.chapter \{ break-before: page;/)
    expect(html).toMatch(/figure \{[^}]*break-inside: avoid;/)
  })

  it('fetches nothing: no scripts, links or external sources', () => {
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import/i)
    expect(new Set(html.match(/https?:\/\/[^"]*/g) ?? [])).toEqual(
      new Set(['http://www.w3.org/2000/svg']),
    )
  })

  it('escapes text from the data', () => {
    expect(html).toContain('Dana Desa, &#34;tahap II&#34;')
  })
})
