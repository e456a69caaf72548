import type { Db } from '../db/connect.js'
import { selectDataAsOf, selectReportFigures, selectTopTopics } from '../db/report-queries.js'
import { buildReport, pickReportMonth } from './build-report.js'
import type { Report } from './report.js'

export interface ReportOptions {
  year: number
  /** 'YYYY-MM' within `year`. @defaultValue the last month of `year` with data */
  month?: string
}

/** Reads the reporting rollups of `year` and the year before and builds the report. */
export async function loadReport(db: Db, options: ReportOptions): Promise<Report> {
  const { year } = options
  if (options.month !== undefined && !options.month.startsWith(`${year}-`)) {
    throw new RangeError(`month ${options.month} is not in ${year}`)
  }
  const figures = await selectReportFigures(db, `${year - 1}-01`, `${year}-12`)
  const month = options.month ?? pickReportMonth({ ...figures, topics: [] }, year)
  const [topics, dataAsOf] = await Promise.all([selectTopTopics(db, month), selectDataAsOf(db)])
  return buildReport({ ...figures, topics, dataAsOf }, year, month)
}
