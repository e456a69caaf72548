import { z } from 'zod'

const countsByYear = z.record(z.string(), z.number())
const seriesByYear = z.record(z.string(), z.array(z.number()))

/**
 * Published figures in the shape of report-2021.json (and of `dering report --format json`, which
 * uses the same keys). Every part is optional; keys dering does not compute are ignored.
 */
export const PublishedReport = z.looseObject({
  consultations: z
    .looseObject({
      monthly_total: seriesByYear.optional(),
      yearly_total: countsByYear.optional(),
      yearly_growth_pct: z.number().nullable().optional(),
      yearly_whatsapp_vs_other: z
        .record(
          z.string(),
          z.looseObject({
            whatsapp: z.number().optional(),
            other: z.number().optional(),
            whatsapp_share_pct: z.number().nullable().optional(),
          }),
        )
        .optional(),
      by_channel: z.record(z.string(), z.record(z.string(), z.number())).optional(),
      published_changes: z.record(z.string(), z.number().nullable()).optional(),
      changes: z.record(z.string(), z.number().nullable()).optional(),
      /** Figures printed in the report's text, with what its own tables give instead. */
      published_figures_that_do_not_reconcile: z
        .record(z.string(), z.looseObject({ printed: z.number() }))
        .optional(),
    })
    .optional(),
  email_lapor_documents: z
    .looseObject({ monthly: seriesByYear.optional(), yearly_total: countsByYear.optional() })
    .optional(),
})
export type PublishedReport = z.infer<typeof PublishedReport>

/** Parses a published-figures document; a wrong shape fails with the first offending key. */
export function parsePublishedReport(json: unknown, source: string): PublishedReport {
  const parsed = PublishedReport.safeParse(json)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new Error(
    `${source}: ${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}`,
  )
}
