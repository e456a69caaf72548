import { sql } from 'kysely'
import type { Db } from './connect.js'

/** Rollup rows a report is built from (src/report/build-report.ts). Months are 'YYYY-MM'. */
export interface ReportFigures {
  channelMonths: readonly {
    month: string
    channel: string
    consultations: number
    abandoned: number
    firstResponseMedianSeconds: number | null
    firstResponseMeanSeconds: number | null
  }[]
  segmentMonths: readonly { month: string; segment: string; consultations: number }[]
  documentMonths: readonly { month: string; documents: number }[]
  /** The report month's top topics: `topic` is the label, `code` the taxonomy's code. */
  topics: readonly {
    channel: string
    rank: number
    topic: string
    code: string
    consultations: number
  }[]
  /** When the last import finished (ISO instant): the figures' cut-off; null when unknown. */
  dataAsOf?: string | null
}

/** 'YYYY-MM-DD' (first day) → 'YYYY-MM'. */
const toMonth = (date: string) => date.slice(0, 7)
const firstDay = (month: string) => `${month}-01`

/** Rollup rows of the months from `from` to `to` ('YYYY-MM', inclusive). */
export async function selectReportFigures(
  db: Db,
  from: string,
  to: string,
): Promise<Omit<ReportFigures, 'topics'>> {
  const [channelMonths, segmentMonths, documentMonths] = await Promise.all([
    db
      .selectFrom('reporting.channel_month')
      .select([
        'month',
        'channel',
        'consultations',
        'abandoned',
        'first_response_median_seconds',
        'first_response_mean_seconds',
      ])
      .where('month', '>=', firstDay(from))
      .where('month', '<=', firstDay(to))
      .orderBy('month')
      .orderBy('channel')
      .execute(),
    db
      .selectFrom('reporting.segment_month')
      .select(['month', 'segment', 'consultations'])
      .where('month', '>=', firstDay(from))
      .where('month', '<=', firstDay(to))
      .orderBy('month')
      .orderBy('segment')
      .execute(),
    db
      .selectFrom('reporting.document_month')
      .select(['month', 'documents'])
      .where('month', '>=', firstDay(from))
      .where('month', '<=', firstDay(to))
      .orderBy('month')
      .execute(),
  ])
  return {
    channelMonths: channelMonths.map((r) => ({
      month: toMonth(r.month),
      channel: r.channel,
      consultations: r.consultations,
      abandoned: r.abandoned,
      firstResponseMedianSeconds: r.first_response_median_seconds,
      firstResponseMeanSeconds: r.first_response_mean_seconds,
    })),
    segmentMonths: segmentMonths.map((r) => ({ ...r, month: toMonth(r.month) })),
    documentMonths: documentMonths.map((r) => ({ ...r, month: toMonth(r.month) })),
  }
}

/** The month's top topics per channel, by rank. */
export async function selectTopTopics(db: Db, month: string): Promise<ReportFigures['topics']> {
  return db
    .selectFrom('reporting.topic_month')
    .select(['channel', 'rank', 'label as topic', 'topic as code', 'consultations'])
    .where('month', '=', firstDay(month))
    .orderBy('channel')
    .orderBy('rank')
    .execute()
}

/**
 * The report's cut-off: the latest source time among the loaded tickets and documents. It
 * depends on the data alone, so the same exports give the same report however and whenever
 * they were loaded.
 */
export async function selectDataAsOf(db: Db): Promise<string | null> {
  const { rows } = await sql<{ last: Date | null }>`
    select greatest(
      (select max(greatest(opened_at, first_response_at, closed_at)) from ticket),
      (select max(received_at) from document)
    ) as last`.execute(db)
  const last = rows[0]?.last
  return last ? new Date(last).toISOString() : null
}
