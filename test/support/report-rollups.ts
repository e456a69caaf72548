import type { Db } from '../../src/db/connect.js'
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
  const topics = [
    { channel: 'whatsapp', rank: 1, topic: 'Dana Desa', consultations: 160 },
    { channel: 'whatsapp', rank: 2, topic: 'Dana Alokasi Umum', consultations: 120 },
    { channel: 'phone', rank: 1, topic: 'Penyaluran kembali DAU yang ditunda', consultations: 30 },
    { channel: 'phone', rank: 2, topic: 'Dana Desa', consultations: 21 },
    { channel: 'phone', rank: 3, topic: 'Dana Bagi Hasil', consultations: 12 },
    { channel: 'email', rank: 1, topic: 'Dana Alokasi Khusus', consultations: 40 },
    { channel: 'hai_kemenkeu', rank: 1, topic: 'Dana Alokasi Umum', consultations: 11 },
  ]
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
      .values(figures.topics.map((r) => ({ ...r, month: firstDay(topicMonth) })))
      .execute()
  }
  await db
    .insertInto('reporting.document_month')
    .values(figures.documentMonths.map((r) => ({ ...r, month: firstDay(r.month) })))
    .execute()
}
