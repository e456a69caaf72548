import { CHANNELS } from '../domain/channel.js'
import { shiftMonth } from '../domain/wib-month.js'
import type { ChannelBreakdown, MonthBreakdown, Report } from './report.js'

/** Bumped only when a key changes meaning or disappears; new keys may be added. */
const REPORT_JSON_VERSION = 1

/**
 * The stable JSON shape (docs/reporting.md, "JSON"). Where it overlaps the published figures
 * (report-2021.json) it uses the same keys, so a script can read either.
 */
export function toReportJson(report: Report) {
  const byYear = <T>(pick: (y: Report['years'][number]) => T) =>
    Object.fromEntries(report.years.map((y) => [String(y.year), pick(y)]))
  return {
    format: 'dering-report',
    version: REPORT_JSON_VERSION,
    year: report.year,
    month: report.month,
    timezone: 'Asia/Jakarta',
    data_as_of: report.dataAsOf,
    months_with_data: report.monthsWithData,
    consultations: {
      monthly_total: byYear((y) => y.monthly),
      yearly_total: byYear((y) => y.total),
      yearly_growth_pct: report.yearlyGrowthPct,
      yearly_whatsapp_vs_other: byYear((y) => ({
        whatsapp: y.whatsapp,
        other: y.other,
        whatsapp_share_pct: y.whatsappSharePct,
        other_share_pct: y.otherSharePct,
      })),
      by_channel: Object.fromEntries(
        report.byChannel.map((c) => [c.month, { ...c.channels, total: c.total }]),
      ),
      month_breakdown: breakdownJson(report.breakdown),
      changes: changesJson(report.breakdown),
    },
    segments: Object.fromEntries(
      report.segments.map((s) => [s.month, { ...s.segments, total: s.total }]),
    ),
    top_topics: { [report.month]: report.topTopics },
    email_lapor_documents: {
      monthly: byYear((y) => y.documentsMonthly),
      yearly_total: byYear((y) => y.documentsTotal),
    },
  }
}

export type ReportJson = ReturnType<typeof toReportJson>

export function formatReportJson(report: Report): string {
  return `${JSON.stringify(toReportJson(report), null, 2)}\n`
}

function breakdownJson(b: MonthBreakdown) {
  return {
    month: b.month,
    previous_month: shiftMonth(b.month, -1),
    same_month_last_year: shiftMonth(b.month, -12),
    total: comparisonJson(b),
    channels: b.channels.map((c: ChannelBreakdown) => ({
      channel: c.channel,
      label: c.label,
      ...comparisonJson(c),
      share_pct: c.sharePct,
      abandoned: c.abandoned,
      first_response_median_seconds: c.firstResponseMedianSeconds,
      first_response_mean_seconds: c.firstResponseMeanSeconds,
    })),
  }
}

function comparisonJson(c: MonthBreakdown | ChannelBreakdown) {
  return {
    consultations: c.consultations,
    previous_month_consultations: c.previousMonth,
    change_vs_previous_month_pct: c.changeVsPreviousMonthPct,
    same_month_last_year_consultations: c.sameMonthLastYear,
    change_vs_same_month_last_year_pct: c.changeVsSameMonthLastYearPct,
  }
}

/** The month's changes keyed as the published report's `published_changes`. */
function changesJson(b: MonthBreakdown): Record<string, number | null> {
  const previous = shiftMonth(b.month, -1)
  const lastYear = shiftMonth(b.month, -12)
  const changes: Record<string, number | null> = {
    [`${b.month}_vs_${previous}_total_pct`]: b.changeVsPreviousMonthPct,
    [`${b.month}_vs_${lastYear}_total_pct`]: b.changeVsSameMonthLastYearPct,
  }
  for (const channel of CHANNELS) {
    const c = b.channels.find((row) => row.channel === channel)
    changes[`${b.month}_vs_${previous}_${channel}_pct`] = c?.changeVsPreviousMonthPct ?? null
    changes[`${b.month}_vs_${lastYear}_${channel}_pct`] = c?.changeVsSameMonthLastYearPct ?? null
  }
  return changes
}
