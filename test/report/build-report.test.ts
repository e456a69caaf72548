import { describe, expect, it } from 'vitest'
import { buildReport, pickReportMonth } from '../../src/report/build-report.js'
import type { ReportFigures } from '../../src/report/report.js'
import { REPORT_2021, figuresOf2021Report } from './published-figures.js'

describe('buildReport', () => {
  const report = buildReport(figuresOf2021Report(), 2021, '2021-12')

  it('has the monthly and yearly consultations of both years', () => {
    expect(report.years.map((y) => y.monthly)).toEqual([
      REPORT_2021.consultations.monthly_total['2020'],
      REPORT_2021.consultations.monthly_total['2021'],
    ])
    const { yearly_total } = REPORT_2021.consultations
    expect(report.years.map((y) => y.total)).toEqual([yearly_total['2020'], yearly_total['2021']])
    expect(report.yearlyGrowthPct).toBe(6.25)
  })

  it('splits WhatsApp from the other channels per year with shares', () => {
    const [y2020, y2021] = report.years
    const published = REPORT_2021.consultations.yearly_whatsapp_vs_other
    expect(y2020).toMatchObject({
      ...published['2020'],
      whatsappSharePct: 75.25,
      otherSharePct: 24.75,
    })
    expect(y2021).toMatchObject({
      ...published['2021'],
      whatsappSharePct: 74.51,
      otherSharePct: 25.49,
    })
  })

  it('breaks the month down by channel with shares and changes', () => {
    const b = report.breakdown
    const { by_channel: printed, monthly_total, published_changes } = REPORT_2021.consultations
    const [nov, dec] = [printed['2021-11'], printed['2021-12']]
    expect(b).toMatchObject({
      month: '2021-12',
      previousMonthLabel: 'November 2021',
      sameMonthLastYearLabel: 'Desember 2020',
      consultations: dec.total,
      previousMonth: nov.total,
      changeVsPreviousMonthPct: published_changes['2021-12_vs_2021-11_total_pct'],
      sameMonthLastYear: monthly_total['2020'][11],
      changeVsSameMonthLastYearPct: published_changes['2021-12_vs_2020-12_total_pct'],
    })
    const byChannel = Object.fromEntries(
      b.channels.map((c) => [
        c.channel,
        [c.consultations, c.sharePct, c.previousMonth, c.changeVsPreviousMonthPct],
      ]),
    )
    expect(byChannel).toEqual({
      whatsapp: [dec.whatsapp, 71.89, nov.whatsapp, 25.04],
      phone: [dec.phone, 10.56, nov.phone, 44.19],
      email: [dec.email, 12.95, nov.email, 29.91],
      hai_kemenkeu: [dec.hai_kemenkeu, 3.58, nov.hai_kemenkeu, 90.91],
      livechat: [dec.livechat, 1.02, nov.livechat, -14.29],
    })
  })

  it('counts months without rows as 0 and leaves changes against 0 empty', () => {
    const figures: ReportFigures = {
      channelMonths: [
        {
          month: '2021-03',
          channel: 'phone',
          consultations: 4,
          abandoned: 1,
          firstResponseMedianSeconds: 30,
          firstResponseMeanSeconds: 45.5,
        },
      ],
      segmentMonths: [{ month: '2021-03', segment: 'pemda', consultations: 4 }],
      documentMonths: [],
      topics: [
        {
          channel: 'phone',
          rank: 2,
          topic: 'Dana Alokasi Khusus Fisik',
          code: 'dak_fisik',
          consultations: 1,
        },
        { channel: 'phone', rank: 1, topic: 'Dana Alokasi Umum', code: 'dau', consultations: 3 },
      ],
    }
    const sparse = buildReport(figures, 2021, '2021-03')
    expect(sparse.years[1].monthly).toEqual([0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(sparse.years[0].monthly).toEqual(Array(12).fill(0))
    expect(sparse.yearlyGrowthPct).toBeNull()
    expect(sparse.breakdown.channels.find((c) => c.channel === 'phone')).toEqual({
      channel: 'phone',
      label: 'Telepon',
      consultations: 4,
      previousMonth: 0,
      changeVsPreviousMonthPct: null,
      sameMonthLastYear: 0,
      changeVsSameMonthLastYearPct: null,
      abandoned: 1,
      sharePct: 100,
      firstResponseMedianSeconds: 30,
      firstResponseMeanSeconds: 45.5,
    })
    expect(sparse.segments[2]).toEqual({
      month: '2021-03',
      segments: { pemda: 4, kementerian_lembaga: 0, mahasiswa: 0, lainnya: 0 },
      total: 4,
    })
    expect(sparse.topTopics.phone.map((t) => t.code)).toEqual(['dau', 'dak_fisik'])
    expect(sparse.topTopics.whatsapp).toEqual([])
  })
})

describe('pickReportMonth', () => {
  it('takes the last month of the year with any rollup row, else December', () => {
    const figures = figuresOf2021Report()
    expect(pickReportMonth(figures, 2021)).toBe('2021-12')
    const early = {
      ...figures,
      channelMonths: figures.channelMonths.filter((r) => r.month < '2021-06'),
    }
    expect(pickReportMonth({ ...early, documentMonths: [] }, 2021)).toBe('2021-05')
    expect(
      pickReportMonth({ ...early, documentMonths: [{ month: '2021-07', documents: 1 }] }, 2021),
    ).toBe('2021-07')
    expect(pickReportMonth(figures, 2019)).toBe('2019-12')
  })
})
