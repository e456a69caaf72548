import { readFileSync } from 'node:fs'
import { CHANNELS, type Channel } from '../../src/domain/channel.js'
import { parsePublishedReport } from '../../src/report/published-report.js'
import type { ReportFigures } from '../../src/report/report.js'

/** The published figures of the 2021 report (a copy of the report's data file). */
export const REPORT_2021 = JSON.parse(
  readFileSync(new URL('./report-2021.json', import.meta.url), 'utf8'),
) as {
  consultations: {
    monthly_total: Record<'2020' | '2021', number[]>
    yearly_total: Record<'2020' | '2021', number>
    yearly_whatsapp_vs_other: Record<'2020' | '2021', { whatsapp: number; other: number }>
    by_channel: Record<'2021-11' | '2021-12', Record<Channel | 'total', number>>
    published_changes: Record<string, number>
  }
  email_lapor_documents: { monthly: Record<'2021', number[]>; yearly_total: Record<'2021', number> }
}

export const PUBLISHED_2021 = parsePublishedReport(REPORT_2021, 'report-2021.json')

type ChannelMonth = ReportFigures['channelMonths'][number]

/**
 * Rollup rows that reproduce the published report: its monthly totals, WhatsApp per year, the
 * printed Nov/Dec 2021 channel split; other months put WhatsApp in proportion, the rest on phone.
 */
export function figuresOf2021Report(): ReportFigures {
  const c = REPORT_2021.consultations
  const channelMonths: ChannelMonth[] = []
  for (const year of ['2020', '2021'] as const) {
    const printed = Object.entries(c.by_channel).filter(([month]) => month.startsWith(year))
    const totals = c.monthly_total[year]
    const free = totals.map((_, i) => !printed.some(([m]) => Number(m.slice(5)) === i + 1))
    const fixedWhatsapp = printed.reduce((sum, [, split]) => sum + (split.whatsapp ?? 0), 0)
    const freeTotal = totals.reduce((sum, t, i) => sum + (free[i] ? t : 0), 0)
    const whatsappLeft = c.yearly_whatsapp_vs_other[year].whatsapp - fixedWhatsapp
    const whatsapp = totals.map((t, i) =>
      free[i] ? Math.floor((t * whatsappLeft) / freeTotal) : 0,
    )
    whatsapp[0]! += whatsappLeft - whatsapp.reduce((a, b) => a + b, 0)
    totals.forEach((total, i) => {
      const month = `${year}-${String(i + 1).padStart(2, '0')}`
      const split = printed.find(([m]) => m === month)?.[1]
      const counts: Partial<Record<Channel, number>> = split ?? {
        whatsapp: whatsapp[i]!,
        phone: total - whatsapp[i]!,
      }
      for (const channel of CHANNELS) {
        const consultations = counts[channel] ?? 0
        if (consultations > 0) channelMonths.push(row(month, channel, consultations))
      }
    })
  }
  const documentMonths = REPORT_2021.email_lapor_documents.monthly['2021'].map((documents, i) => ({
    month: `2021-${String(i + 1).padStart(2, '0')}`,
    documents,
  }))
  return { channelMonths, segmentMonths: [], documentMonths, topics: [] }
}

function row(month: string, channel: string, consultations: number): ChannelMonth {
  return {
    month,
    channel,
    consultations,
    abandoned: 0,
    firstResponseMedianSeconds: null,
    firstResponseMeanSeconds: null,
  }
}
