import type { Channel } from '../domain/channel.js'
import type { Segment } from '../domain/segment.js'

/** The rollup rows a report is built from, as src/db/report-queries.ts selects them. */
export type { ReportFigures } from '../db/report-queries.js'

/** Consultations per channel in one month; channels without tickets are 0. */
export interface ChannelCounts {
  month: string
  channels: Record<Channel, number>
  total: number
}

export interface YearFigures {
  year: number
  /** Consultations per month, January first. */
  monthly: number[]
  total: number
  whatsapp: number
  other: number
  whatsappSharePct: number | null
  otherSharePct: number | null
  /** Email Lapor documents per month, January first. */
  documentsMonthly: number[]
  documentsTotal: number
}

/** A count, its base months' counts and the changes against them (percent, 2 decimals). */
export interface MonthComparison {
  consultations: number
  previousMonth: number
  changeVsPreviousMonthPct: number | null
  sameMonthLastYear: number
  changeVsSameMonthLastYearPct: number | null
}

export interface ChannelBreakdown extends MonthComparison {
  channel: Channel
  label: string
  abandoned: number
  sharePct: number | null
  firstResponseMedianSeconds: number | null
  firstResponseMeanSeconds: number | null
}

export interface MonthBreakdown extends MonthComparison {
  month: string
  previousMonthLabel: string
  sameMonthLastYearLabel: string
  channels: ChannelBreakdown[]
}

export interface SegmentCounts {
  month: string
  segments: Record<Segment, number>
  total: number
}

export interface TopicRank {
  rank: number
  /** The topic's label (src/domain/topic.ts). */
  topic: string
  /** The topic's code, `lainnya` for text the taxonomy does not know. */
  code: string
  consultations: number
}

/** The yearly report's figures for `year`, its previous year and the chosen `month`. */
export interface Report {
  year: number
  month: string
  /** The previous year first, then the report year. */
  years: [YearFigures, YearFigures]
  yearlyGrowthPct: number | null
  /** Per-channel consultations for the 24 months of both years. */
  byChannel: ChannelCounts[]
  breakdown: MonthBreakdown
  /** Segments per month of the report year. */
  segments: SegmentCounts[]
  /** The report month's most asked topics per channel (up to 10, by rank). */
  topTopics: Record<Channel, TopicRank[]>
  /** Months of both years ('YYYY-MM') with any rollup row: the others have no data yet. */
  monthsWithData: string[]
  /** The figures' cut-off (ISO instant), null when unknown. */
  dataAsOf: string | null
}
