import { CHANNELS, CHANNEL_LABELS, isChannel, type Channel } from '../domain/channel.js'
import { SEGMENTS, type Segment } from '../domain/segment.js'
import { monthsOfYear, shiftMonth } from '../domain/wib-month.js'
import { nameMonth } from './month-names.js'
import { percentChange, percentOf } from './percent.js'
import type {
  ChannelBreakdown,
  ChannelCounts,
  MonthBreakdown,
  Report,
  ReportFigures,
  SegmentCounts,
  TopicRank,
  YearFigures,
} from './report.js'

/**
 * Builds the report of `year` (and the year before) from rollup rows. Months without rows count
 * as 0, so every series has its twelve values.
 */
export function buildReport(figures: ReportFigures, year: number, month: string): Report {
  const months = [...monthsOfYear(year - 1), ...monthsOfYear(year)]
  const byChannel = months.map((m) => countChannels(figures, m))
  const countsOf = (m: string) => byChannel.find((c) => c.month === m) ?? countChannels(figures, m)
  const years: [YearFigures, YearFigures] = [
    summarizeYear(figures, year - 1, countsOf),
    summarizeYear(figures, year, countsOf),
  ]
  return {
    year,
    month,
    years,
    yearlyGrowthPct: percentChange(years[1].total, years[0].total),
    byChannel,
    breakdown: breakDownMonth(figures, month, countsOf),
    segments: monthsOfYear(year).map((m) => countSegments(figures, m)),
    topTopics: rankTopics(figures),
    monthsWithData: months.filter((m) =>
      [...figures.channelMonths, ...figures.documentMonths].some((r) => r.month === m),
    ),
    dataAsOf: figures.dataAsOf ?? null,
  }
}

/** The last month of `year` with any rollup row (tickets or documents), else December. */
export function pickReportMonth(figures: ReportFigures, year: number): string {
  const withData = [
    ...figures.channelMonths.map((r) => r.month),
    ...figures.documentMonths.map((r) => r.month),
  ].filter((m) => m.startsWith(`${year}-`))
  return withData.sort().at(-1) ?? `${year}-12`
}

function countChannels(figures: ReportFigures, month: string): ChannelCounts {
  const channels = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>
  for (const row of figures.channelMonths) {
    if (row.month === month && isChannel(row.channel)) channels[row.channel] += row.consultations
  }
  return { month, channels, total: sum(Object.values(channels)) }
}

function summarizeYear(
  figures: ReportFigures,
  year: number,
  countsOf: (month: string) => ChannelCounts,
): YearFigures {
  const months = monthsOfYear(year)
  const monthly = months.map((m) => countsOf(m).total)
  const total = sum(monthly)
  const whatsapp = sum(months.map((m) => countsOf(m).channels.whatsapp))
  const documentsMonthly = months.map((m) =>
    sum(figures.documentMonths.filter((r) => r.month === m).map((r) => r.documents)),
  )
  return {
    year,
    monthly,
    total,
    whatsapp,
    other: total - whatsapp,
    whatsappSharePct: percentOf(whatsapp, total),
    otherSharePct: percentOf(total - whatsapp, total),
    documentsMonthly,
    documentsTotal: sum(documentsMonthly),
  }
}

function breakDownMonth(
  figures: ReportFigures,
  month: string,
  countsOf: (month: string) => ChannelCounts,
): MonthBreakdown {
  const current = countsOf(month)
  const previous = countsOf(shiftMonth(month, -1))
  const lastYear = countsOf(shiftMonth(month, -12))
  const channels = CHANNELS.map((channel): ChannelBreakdown => {
    const row = figures.channelMonths.find((r) => r.month === month && r.channel === channel)
    const consultations = current.channels[channel]
    return {
      channel,
      label: CHANNEL_LABELS[channel],
      ...compare(consultations, previous.channels[channel], lastYear.channels[channel]),
      abandoned: row?.abandoned ?? 0,
      sharePct: percentOf(consultations, current.total),
      firstResponseMedianSeconds: row?.firstResponseMedianSeconds ?? null,
      firstResponseMeanSeconds: row?.firstResponseMeanSeconds ?? null,
    }
  })
  return {
    month,
    previousMonthLabel: nameMonth(previous.month),
    sameMonthLastYearLabel: nameMonth(lastYear.month),
    ...compare(current.total, previous.total, lastYear.total),
    channels,
  }
}

function compare(consultations: number, previousMonth: number, sameMonthLastYear: number) {
  return {
    consultations,
    previousMonth,
    changeVsPreviousMonthPct: percentChange(consultations, previousMonth),
    sameMonthLastYear,
    changeVsSameMonthLastYearPct: percentChange(consultations, sameMonthLastYear),
  }
}

function countSegments(figures: ReportFigures, month: string): SegmentCounts {
  const segments = Object.fromEntries(SEGMENTS.map((s) => [s, 0])) as Record<Segment, number>
  for (const row of figures.segmentMonths) {
    if (row.month !== month) continue
    const segment = (SEGMENTS as readonly string[]).includes(row.segment)
      ? (row.segment as Segment)
      : 'lainnya'
    segments[segment] += row.consultations
  }
  return { month, segments, total: sum(Object.values(segments)) }
}

function rankTopics(figures: ReportFigures): Record<Channel, TopicRank[]> {
  const ranked = Object.fromEntries(CHANNELS.map((c) => [c, [] as TopicRank[]])) as Record<
    Channel,
    TopicRank[]
  >
  const sorted = [...figures.topics].sort((a, b) => a.rank - b.rank)
  for (const { channel, rank, topic, code, consultations } of sorted) {
    if (isChannel(channel)) ranked[channel].push({ rank, topic, code, consultations })
  }
  return ranked
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}
