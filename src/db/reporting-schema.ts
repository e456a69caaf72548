/** First day of a WIB month, 'YYYY-MM-DD' (a `date`, kept as text by connect.ts). */
type MonthDate = string

interface ReportingChannelTable {
  channel: string
  label: string
  sort_order: number
}

interface ReportingSegmentTable {
  segment: string
  label: string
  sort_order: number
}

/** One row per WIB month × channel with at least one ticket; rewritten whole by the rollup. */
interface ReportingChannelMonthTable {
  month: MonthDate
  channel: string
  tickets: number
  consultations: number
  abandoned: number
  spam: number
  /** Consultations with a first response at or after opening. */
  responded: number
  first_response_median_seconds: number | null
  first_response_mean_seconds: number | null
}

/** Consultations per WIB month × segment (a ticket without a segment counts as `lainnya`). */
interface ReportingSegmentMonthTable {
  month: MonthDate
  segment: string
  consultations: number
}

/**
 * The ten most asked topics per WIB month × channel, mapped by the topic taxonomy from the raw
 * topics and subjects (`lainnya` for text it does not know); ties ranked by code.
 */
interface ReportingTopicMonthTable {
  month: MonthDate
  channel: string
  rank: number
  /** The taxonomy's code (src/domain/topic.ts), such as `dau`. */
  topic: string
  /** The topic's Indonesian label, such as `Dana Alokasi Umum`. */
  label: string
  consultations: number
}

interface ReportingDocumentMonthTable {
  month: MonthDate
  documents: number
}

interface ReportingCalendarMonthView {
  month: MonthDate
}

interface ReportingChannelMonthChangeView {
  month: MonthDate
  channel: string
  label: string
  consultations: number
  abandoned: number
  spam: number
  month_consultations: number
  share_pct: number | null
  previous_month_consultations: number | null
  change_vs_previous_month_pct: number | null
  same_month_last_year_consultations: number | null
  change_vs_same_month_last_year_pct: number | null
  first_response_median_seconds: number | null
  first_response_mean_seconds: number | null
}

interface ReportingMonthTotalView {
  month: MonthDate
  tickets: number
  consultations: number
  abandoned: number
  spam: number
  documents: number
  previous_month_consultations: number | null
  change_vs_previous_month_pct: number | null
  same_month_last_year_consultations: number | null
  change_vs_same_month_last_year_pct: number | null
}

interface ReportingYearTotalView {
  year: number
  consultations: number
  documents: number
  previous_year_consultations: number | null
  change_vs_previous_year_pct: number | null
}

interface ReportingYearWhatsappVsOtherView {
  year: number
  whatsapp: number
  other: number
  consultations: number
  whatsapp_share_pct: number | null
  other_share_pct: number | null
}

interface ReportingSegmentMonthShareView {
  month: MonthDate
  segment: string
  label: string
  consultations: number
  share_pct: number | null
}

/** The `reporting` schema (db/migrations/2026_11_28_1000_create_reporting.ts). */
export interface ReportingDatabase {
  'reporting.channel': ReportingChannelTable
  'reporting.segment': ReportingSegmentTable
  'reporting.channel_month': ReportingChannelMonthTable
  'reporting.segment_month': ReportingSegmentMonthTable
  'reporting.topic_month': ReportingTopicMonthTable
  'reporting.document_month': ReportingDocumentMonthTable
  'reporting.calendar_month': ReportingCalendarMonthView
  'reporting.channel_month_change': ReportingChannelMonthChangeView
  'reporting.month_total': ReportingMonthTotalView
  'reporting.year_total': ReportingYearTotalView
  'reporting.year_whatsapp_vs_other': ReportingYearWhatsappVsOtherView
  'reporting.segment_month_share': ReportingSegmentMonthShareView
}
