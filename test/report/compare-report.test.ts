import { describe, expect, it } from 'vitest'
import { buildReport } from '../../src/report/build-report.js'
import { compareReport } from '../../src/report/compare-report.js'
import { toReportJson } from '../../src/report/format-json.js'
import { parsePublishedReport } from '../../src/report/published-report.js'
import { PUBLISHED_2021, REPORT_2021, figuresOf2021Report } from './published-figures.js'

describe('compareReport', () => {
  const report = buildReport(figuresOf2021Report(), 2021, '2021-12')

  it('finds exactly the three printed figures that do not reconcile', () => {
    const { checked, mismatches } = compareReport(report, PUBLISHED_2021)
    expect(mismatches).toEqual([
      {
        figure: 'consultations.published_figures_that_do_not_reconcile.yearly_growth_pct.printed',
        computed: 6.25,
        published: 19.01,
      },
      {
        figure:
          'consultations.published_figures_that_do_not_reconcile.whatsapp_share_2020_pct.printed',
        computed: 75.25,
        published: 75.06,
      },
      {
        figure:
          'consultations.published_figures_that_do_not_reconcile.whatsapp_share_2021_pct.printed',
        computed: 74.51,
        published: 74.34,
      },
    ])
    // 24 months, 2 years, 2×2 WhatsApp/other, 2×6 channel cells, 6 changes, 3 printed, 12+1 documents
    expect(checked).toBe(24 + 2 + 4 + 12 + 6 + 3 + 13)
  })

  it('compares a printed percentage at its own precision (90.9 and -14.3 match)', () => {
    const published = parsePublishedReport(
      {
        consultations: {
          published_changes: {
            '2021-12_vs_2021-11_hai_kemenkeu_pct': 90.9,
            '2021-12_vs_2021-11_livechat_pct': -14.3,
            '2021-12_vs_2021-11_phone_pct': 44.3,
          },
        },
      },
      'test',
    )
    expect(compareReport(report, published).mismatches).toEqual([
      {
        figure: 'consultations.published_changes.2021-12_vs_2021-11_phone_pct',
        computed: 44.2,
        published: 44.3,
      },
    ])
  })

  it('lists every count that differs, with both values', () => {
    const changed = structuredClone(REPORT_2021)
    changed.consultations.monthly_total['2021'][11] = 1175
    changed.consultations.by_channel['2021-12'].phone = 125
    changed.email_lapor_documents.monthly['2021'][0] = 2159
    const { mismatches } = compareReport(report, parsePublishedReport(changed, 'test'))
    expect(mismatches.slice(0, 3)).toEqual([
      { figure: 'consultations.monthly_total.2021[11]', computed: 1174, published: 1175 },
      { figure: 'consultations.by_channel.2021-12.phone', computed: 124, published: 125 },
      {
        figure: 'consultations.published_figures_that_do_not_reconcile.yearly_growth_pct.printed',
        computed: 6.25,
        published: 19.01,
      },
    ])
    expect(mismatches.at(-1)).toEqual({
      figure: 'email_lapor_documents.monthly.2021[0]',
      computed: 2160,
      published: 2159,
    })
  })

  it('reports a year the computed report does not cover as computed null', () => {
    const published = parsePublishedReport(
      { consultations: { yearly_total: { '2019': 10_000 } } },
      'test',
    )
    expect(compareReport(report, published).mismatches).toEqual([
      { figure: 'consultations.yearly_total.2019', computed: null, published: 10_000 },
    ])
  })

  it("agrees with dering's own JSON output", () => {
    const own = parsePublishedReport(JSON.parse(JSON.stringify(toReportJson(report))), 'own')
    const { checked, mismatches } = compareReport(report, own)
    expect(mismatches).toEqual([])
    expect(checked).toBeGreaterThan(100)
  })

  it('rejects a document of the wrong shape naming the key', () => {
    expect(() =>
      parsePublishedReport({ consultations: { yearly_total: { '2021': 'many' } } }, 'x.json'),
    ).toThrow(/^x\.json: consultations\.yearly_total\.2021: /)
  })
})
