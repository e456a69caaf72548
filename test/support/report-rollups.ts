import type { Db } from '../../src/db/connect.js'
import { DEFAULT_TOPIC_TAXONOMY } from '../../src/domain/topic-taxonomy.js'
import type { ReportFigures } from '../../src/report/report.js'
import { figuresOf2021Report } from '../report/published-figures.js'

const firstDay = (month: string) => `${month}-01`

/**
 * The 2021 publication's figures as rollup rows (test/report/published-figures.ts), with a
 * segment split for every month and December's top topics: the demo's shape without its 20 s
 * of ingesting.
 */
export function figuresOf2021Publication(): ReportFigures {
  const figures = figuresOf2021Report()
  const totals = new Map<string, number>()
  for (const row of figures.channelMonths) {
    totals.set(row.month, (totals.get(row.month) ?? 0) + row.consultations)
  }
  const segmentMonths = [...totals].flatMap(([month, total]) => {
    const pemda = Math.round(total * 0.52)
    const ministries = Math.round(total * 0.08)
    const students = Math.round(total * 0.04)
    return [
      { month, segment: 'pemda', consultations: pemda },
      { month, segment: 'kementerian_lembaga', consultations: ministries },
      { month, segment: 'mahasiswa', consultations: students },
      { month, segment: 'lainnya', consultations: total - pemda - ministries - students },
    ]
  })
  const topics = (
    [
      ['whatsapp', 1, 'dana_desa', 160],
      ['whatsapp', 2, 'dau', 120],
      ['phone', 1, 'dau', 30],
      ['phone', 2, 'dana_desa', 21],
      ['phone', 3, 'dbh', 12],
      ['email', 1, 'dak_fisik', 40],
      ['hai_kemenkeu', 1, 'dau', 11],
    ] as const
  ).map(([channel, rank, code, consultations]) => ({
    channel,
    rank,
    topic: DEFAULT_TOPIC_TAXONOMY.labels.get(code)!,
    code,
    consultations,
  }))
  return { ...figures, segmentMonths, topics }
}

/** Writes figures straight into the reporting rollups; `topicMonth` is the month of `topics`. */
export async function writeRollups(
  db: Db,
  figures: ReportFigures,
  topicMonth: string,
): Promise<void> {
  await db
    .insertInto('reporting.channel_month')
    .values(
      figures.channelMonths.map((r) => ({
        month: firstDay(r.month),
        channel: r.channel,
        tickets: r.consultations + r.abandoned,
        consultations: r.consultations,
        abandoned: r.abandoned,
        spam: 0,
        responded: r.firstResponseMedianSeconds == null ? 0 : r.consultations,
        first_response_median_seconds: r.firstResponseMedianSeconds,
        first_response_mean_seconds: r.firstResponseMeanSeconds,
      })),
    )
    .execute()
  if (figures.segmentMonths.length > 0) {
    await db
      .insertInto('reporting.segment_month')
      .values(figures.segmentMonths.map((r) => ({ ...r, month: firstDay(r.month) })))
      .execute()
  }
  if (figures.topics.length > 0) {
    await db
      .insertInto('reporting.topic_month')
      .values(
        figures.topics.map((r) => ({
          month: firstDay(topicMonth),
          channel: r.channel,
          rank: r.rank,
          topic: r.code,
          label: r.topic,
          consultations: r.consultations,
        })),
      )
      .execute()
  }
  await db
    .insertInto('reporting.document_month')
    .values(figures.documentMonths.map((r) => ({ ...r, month: firstDay(r.month) })))
    .execute()
}
