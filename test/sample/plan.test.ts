import { describe, expect, it } from 'vitest'
import { CHANNELS } from '../../src/domain/channel.js'
import { CONSULTATION_PLAN, DOCUMENT_PLAN, SAMPLE_MONTHS } from '../../src/sample/plan.js'
import { REPORT_2021 } from '../report/published-figures.js'

/** The published figures (Statistik Layanan Informasi DJPK 2021) the sample must reproduce. */
const MONTHLY_TOTALS = REPORT_2021.consultations.monthly_total
const WHATSAPP_VS_OTHER = REPORT_2021.consultations.yearly_whatsapp_vs_other
const DOCUMENTS_2021 = REPORT_2021.email_lapor_documents.monthly['2021']

const monthKey = (year: number | string, index: number) =>
  `${year}-${String(index + 1).padStart(2, '0')}`
const sumOf = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)

describe('CONSULTATION_PLAN', () => {
  it('covers January 2020 to December 2021 with every channel', () => {
    const years = ['2020', '2021'] as const
    expect(SAMPLE_MONTHS).toEqual(
      years.flatMap((y) => MONTHLY_TOTALS[y].map((_, i) => monthKey(y, i))),
    )
    for (const month of SAMPLE_MONTHS) {
      expect(Object.keys(CONSULTATION_PLAN[month]!).sort()).toEqual([...CHANNELS].sort())
      for (const count of Object.values(CONSULTATION_PLAN[month]!)) {
        expect(Number.isInteger(count) && count >= 0).toBe(true)
      }
    }
  })

  it('reproduces every monthly total of 2020 and 2021', () => {
    for (const year of ['2020', '2021'] as const) {
      const totals = MONTHLY_TOTALS[year].map((_, i) =>
        sumOf(CONSULTATION_PLAN[monthKey(year, i)]!),
      )
      expect(totals).toEqual(MONTHLY_TOTALS[year])
    }
  })

  it('reproduces WhatsApp vs other per year', () => {
    for (const year of ['2020', '2021'] as const) {
      const months = SAMPLE_MONTHS.filter((month) => month.startsWith(String(year)))
      const whatsapp = months.reduce((sum, month) => sum + CONSULTATION_PLAN[month]!.whatsapp, 0)
      const all = months.reduce((sum, month) => sum + sumOf(CONSULTATION_PLAN[month]!), 0)
      expect({ whatsapp, other: all - whatsapp }).toEqual(WHATSAPP_VS_OTHER[year])
    }
  })

  it('reproduces the November and December 2021 channel split', () => {
    for (const [month, { total, ...split }] of Object.entries(
      REPORT_2021.consultations.by_channel,
    )) {
      expect({ month, split: CONSULTATION_PLAN[month] }).toEqual({ month, split })
      expect(sumOf(split)).toBe(total)
    }
  })
})

describe('DOCUMENT_PLAN', () => {
  it('reproduces Email Lapor documents per month of 2021 and their yearly total', () => {
    expect(DOCUMENTS_2021.map((_, i) => DOCUMENT_PLAN[monthKey(2021, i)])).toEqual(DOCUMENTS_2021)
    expect(sumOf(DOCUMENT_PLAN)).toBe(REPORT_2021.email_lapor_documents.yearly_total['2021'])
    expect(Object.keys(DOCUMENT_PLAN).every((month) => month.startsWith('2021-'))).toBe(true)
  })
})
