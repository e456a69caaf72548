import { describe, expect, it } from 'vitest'
import { CHANNELS } from '../../src/domain/channel.js'
import { CONSULTATION_PLAN, DOCUMENT_PLAN, SAMPLE_MONTHS } from '../../src/sample/plan.js'

/** The published figures (Statistik Layanan Informasi DJPK 2021) the sample must reproduce. */
const MONTHLY_TOTALS = {
  2020: [901, 1048, 1044, 947, 1292, 849, 1074, 660, 1046, 846, 768, 618],
  2021: [902, 1148, 1130, 1133, 890, 1099, 827, 822, 895, 852, 914, 1174],
}
const WHATSAPP_VS_OTHER = {
  2020: { whatsapp: 8348, other: 2745 },
  2021: { whatsapp: 8782, other: 3004 },
}
const DOCUMENTS_2021 = [2160, 1155, 1359, 1351, 951, 902, 1455, 1667, 1646, 1333, 1209, 1034]

const monthKey = (year: number, index: number) => `${year}-${String(index + 1).padStart(2, '0')}`
const sumOf = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)

describe('CONSULTATION_PLAN', () => {
  it('covers January 2020 to December 2021 with every channel', () => {
    const years = [2020, 2021] as const
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
    for (const year of [2020, 2021] as const) {
      const totals = MONTHLY_TOTALS[year].map((_, i) =>
        sumOf(CONSULTATION_PLAN[monthKey(year, i)]!),
      )
      expect(totals).toEqual(MONTHLY_TOTALS[year])
    }
  })

  it('reproduces WhatsApp vs other per year', () => {
    for (const year of [2020, 2021] as const) {
      const months = SAMPLE_MONTHS.filter((month) => month.startsWith(String(year)))
      const whatsapp = months.reduce((sum, month) => sum + CONSULTATION_PLAN[month]!.whatsapp, 0)
      const all = months.reduce((sum, month) => sum + sumOf(CONSULTATION_PLAN[month]!), 0)
      expect({ whatsapp, other: all - whatsapp }).toEqual(WHATSAPP_VS_OTHER[year])
    }
  })

  it('reproduces the November and December 2021 channel split', () => {
    expect(CONSULTATION_PLAN['2021-11']).toEqual({
      whatsapp: 675,
      phone: 86,
      hai_kemenkeu: 22,
      livechat: 14,
      email: 117,
    })
    expect(CONSULTATION_PLAN['2021-12']).toEqual({
      whatsapp: 844,
      phone: 124,
      hai_kemenkeu: 42,
      livechat: 12,
      email: 152,
    })
  })
})

describe('DOCUMENT_PLAN', () => {
  it('reproduces Email Lapor documents per month of 2021, 16,222 in all', () => {
    expect(DOCUMENTS_2021.map((_, i) => DOCUMENT_PLAN[monthKey(2021, i)])).toEqual(DOCUMENTS_2021)
    expect(sumOf(DOCUMENT_PLAN)).toBe(16_222)
    expect(Object.keys(DOCUMENT_PLAN).every((month) => month.startsWith('2021-'))).toBe(true)
  })
})
