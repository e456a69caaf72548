import { isChannel } from '../domain/channel.js'
import { decimalsOf, percentChange, percentOf } from './percent.js'
import type { PublishedReport } from './published-report.js'
import type { Report } from './report.js'

export interface Mismatch {
  /** Where the published value sits, e.g. `consultations.monthly_total.2021[11]`. */
  figure: string
  computed: number | null
  published: number | null
}

export interface Comparison {
  /** How many published figures were compared. */
  checked: number
  mismatches: Mismatch[]
}

/** A published figure and how to compute it; percentages get the published precision. */
interface Check {
  figure: string
  published: number | null
  compute: (decimals: number) => number | null
}

const CHANGE_KEY = /^(\d{4}-\d{2})_vs_(\d{4}-\d{2})_(\w+?)_pct$/
const WHATSAPP_SHARE_KEY = /^whatsapp_share_(\d{4})_pct$/

/**
 * Compares the computed report with published figures. Counts must be equal; a percentage is
 * computed from the counts at the precision it was printed with (90.9 is compared at one
 * decimal), so only a figure that really differs is listed. A figure the report does not cover
 * (another year) is a mismatch with computed = null.
 */
export function compareReport(report: Report, published: PublishedReport): Comparison {
  const checks = listChecks(report, published)
  const mismatches = checks.flatMap(({ figure, published: value, compute }) => {
    const computed = compute(value == null ? 2 : decimalsOf(value))
    return computed === value ? [] : [{ figure, computed, published: value }]
  })
  return { checked: checks.length, mismatches }
}

function listChecks(report: Report, published: PublishedReport): Check[] {
  const year = (y: string) => report.years.find((f) => String(f.year) === y)
  const monthTotal = (month: string, key = 'total') => {
    const counts = report.byChannel.find((c) => c.month === month)
    if (!counts) return null
    if (key === 'total') return counts.total
    return isChannel(key) ? counts.channels[key] : null
  }
  const exact = (
    figure: string,
    value: number | null,
    computed: number | null | undefined,
  ): Check => ({
    figure,
    published: value,
    compute: () => computed ?? null,
  })
  const c = published.consultations ?? {}
  const checks: Check[] = []

  for (const [y, values] of Object.entries(c.monthly_total ?? {})) {
    values.forEach((v, i) =>
      checks.push(exact(`consultations.monthly_total.${y}[${i}]`, v, year(y)?.monthly[i])),
    )
  }
  for (const [y, v] of Object.entries(c.yearly_total ?? {})) {
    checks.push(exact(`consultations.yearly_total.${y}`, v, year(y)?.total))
  }
  for (const [y, split] of Object.entries(c.yearly_whatsapp_vs_other ?? {})) {
    const f = year(y)
    const path = `consultations.yearly_whatsapp_vs_other.${y}`
    if (split.whatsapp !== undefined) {
      checks.push(exact(`${path}.whatsapp`, split.whatsapp, f?.whatsapp))
    }
    if (split.other !== undefined) checks.push(exact(`${path}.other`, split.other, f?.other))
    if (split.whatsapp_share_pct !== undefined) {
      checks.push({
        figure: `${path}.whatsapp_share_pct`,
        published: split.whatsapp_share_pct,
        compute: (d) => shareOf(f, d),
      })
    }
  }
  for (const [month, counts] of Object.entries(c.by_channel ?? {})) {
    for (const [key, v] of Object.entries(counts)) {
      checks.push(exact(`consultations.by_channel.${month}.${key}`, v, monthTotal(month, key)))
    }
  }
  for (const section of ['published_changes', 'changes'] as const) {
    for (const [key, v] of Object.entries(c[section] ?? {})) {
      const [, month = '', base = '', subject = ''] = CHANGE_KEY.exec(key) ?? []
      checks.push({
        figure: `consultations.${section}.${key}`,
        published: v,
        compute: (d) => {
          const current = monthTotal(month, subject)
          return current == null ? null : percentChange(current, monthTotal(base, subject), d)
        },
      })
    }
  }
  const growth = (d: number) => {
    const [previous, current] = report.years
    return percentChange(current.total, previous.total, d)
  }
  if (c.yearly_growth_pct !== undefined) {
    checks.push({
      figure: 'consultations.yearly_growth_pct',
      published: c.yearly_growth_pct,
      compute: growth,
    })
  }
  for (const [key, { printed }] of Object.entries(
    c.published_figures_that_do_not_reconcile ?? {},
  )) {
    const figure = `consultations.published_figures_that_do_not_reconcile.${key}.printed`
    const shareYear = WHATSAPP_SHARE_KEY.exec(key)?.[1]
    if (key === 'yearly_growth_pct') checks.push({ figure, published: printed, compute: growth })
    else if (shareYear) {
      checks.push({ figure, published: printed, compute: (d) => shareOf(year(shareYear), d) })
    }
  }

  const documents = published.email_lapor_documents ?? {}
  for (const [y, values] of Object.entries(documents.monthly ?? {})) {
    values.forEach((v, i) =>
      checks.push(
        exact(`email_lapor_documents.monthly.${y}[${i}]`, v, year(y)?.documentsMonthly[i]),
      ),
    )
  }
  for (const [y, v] of Object.entries(documents.yearly_total ?? {})) {
    checks.push(exact(`email_lapor_documents.yearly_total.${y}`, v, year(y)?.documentsTotal))
  }
  return checks
}

function shareOf(year: Report['years'][number] | undefined, decimals: number): number | null {
  return year ? percentOf(year.whatsapp, year.total, decimals) : null
}
