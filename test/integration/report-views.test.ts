import { beforeAll, describe, expect, it } from 'vitest'
import { recomputeMonths } from '../../src/db/rollups.js'
import { loadReport } from '../../src/report/load-report.js'
import { useTestDatabase } from '../support/database.js'
import {
  insertDocuments,
  insertFacts,
  insertImport,
  reexportTicket,
  type Fact,
} from './rollups-facts.js'

/** `count` resolved tickets of a channel opened mid-month (WIB). */
function tickets(
  month: string,
  channel: Fact['channel'],
  count: number,
  extra: Partial<Fact> = {},
): Fact[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${month}-${channel}-${extra.status ?? 'resolved'}-${i}`,
    channel,
    openedAt: `${month}-15T03:00:00Z`,
    ...extra,
  }))
}

const MONTHS = ['2020-12', '2021-11', '2021-12', '2022-01']

describe('reporting views and the report on hand-made facts', () => {
  const t = useTestDatabase()
  let importId: number
  beforeAll(async () => {
    importId = await insertImport(t.db)
    await insertFacts(t.db, importId, [
      ...tickets('2020-12', 'whatsapp', 2),
      ...tickets('2020-12', 'phone', 1),
      ...tickets('2021-11', 'whatsapp', 4, { segment: 'pemda' }),
      ...tickets('2021-11', 'phone', 2),
      ...tickets('2021-12', 'whatsapp', 5, { topic: 'DAU' }),
      ...tickets('2021-12', 'phone', 1, { status: 'abandoned' }),
      ...tickets('2021-12', 'phone', 1, { segment: 'mahasiswa' }),
      ...tickets('2021-12', 'email', 2, { segment: 'kementerian_lembaga' }),
      ...tickets('2022-01', 'whatsapp', 6),
    ])
    await insertDocuments(t.db, importId, [
      '2021-11-02T01:00:00Z',
      '2021-11-03T01:00:00Z',
      '2021-11-04T01:00:00Z',
      '2021-12-01T01:00:00Z',
    ])
    await recomputeMonths(t.db, MONTHS)
  })

  const channelMonth = (month: string) =>
    t.db
      .selectFrom('reporting.channel_month_change')
      .select([
        'channel',
        'consultations',
        'share_pct',
        'change_vs_previous_month_pct',
        'change_vs_same_month_last_year_pct',
      ])
      .where('month', '=', `${month}-01`)
      .orderBy('channel')
      .execute()

  it('adds share of month and changes vs previous month and same month last year', async () => {
    expect(await channelMonth('2021-12')).toEqual([
      {
        channel: 'email',
        consultations: 2,
        share_pct: 25,
        change_vs_previous_month_pct: null,
        change_vs_same_month_last_year_pct: null,
      },
      {
        channel: 'hai_kemenkeu',
        consultations: 0,
        share_pct: 0,
        change_vs_previous_month_pct: null,
        change_vs_same_month_last_year_pct: null,
      },
      {
        channel: 'livechat',
        consultations: 0,
        share_pct: 0,
        change_vs_previous_month_pct: null,
        change_vs_same_month_last_year_pct: null,
      },
      {
        channel: 'phone',
        consultations: 1,
        share_pct: 12.5,
        change_vs_previous_month_pct: -50,
        change_vs_same_month_last_year_pct: 0,
      },
      {
        channel: 'whatsapp',
        consultations: 5,
        share_pct: 62.5,
        change_vs_previous_month_pct: 25,
        change_vs_same_month_last_year_pct: 150,
      },
    ])
  })

  it('shows months without tickets as 0 and changes against them as null', async () => {
    const months = await t.db
      .selectFrom('reporting.month_total')
      .selectAll()
      .orderBy('month')
      .execute()
    expect(months.map((m) => m.month)).toEqual([
      '2020-12-01',
      ...Array.from({ length: 12 }, (_, i) => `2021-${String(i + 1).padStart(2, '0')}-01`),
      '2022-01-01',
    ])
    expect(months.find((m) => m.month === '2021-05-01')).toMatchObject({
      consultations: 0,
      documents: 0,
    })
    expect(months.find((m) => m.month === '2021-11-01')).toEqual({
      month: '2021-11-01',
      tickets: 6,
      consultations: 6,
      abandoned: 0,
      spam: 0,
      documents: 3,
      previous_month_consultations: 0,
      change_vs_previous_month_pct: null,
      same_month_last_year_consultations: null,
      change_vs_same_month_last_year_pct: null,
    })
    expect(months.find((m) => m.month === '2021-12-01')).toEqual({
      month: '2021-12-01',
      tickets: 9,
      consultations: 8,
      abandoned: 1,
      spam: 0,
      documents: 1,
      previous_month_consultations: 6,
      change_vs_previous_month_pct: 33.33,
      same_month_last_year_consultations: 3,
      change_vs_same_month_last_year_pct: 166.67,
    })
  })

  it('totals years and splits WhatsApp from the other channels', async () => {
    expect(
      await t.db.selectFrom('reporting.year_total').selectAll().orderBy('year').execute(),
    ).toEqual([
      {
        year: 2020,
        consultations: 3,
        documents: 0,
        previous_year_consultations: null,
        change_vs_previous_year_pct: null,
      },
      {
        year: 2021,
        consultations: 14,
        documents: 4,
        previous_year_consultations: 3,
        change_vs_previous_year_pct: 366.67,
      },
      {
        year: 2022,
        consultations: 6,
        documents: 0,
        previous_year_consultations: 14,
        change_vs_previous_year_pct: -57.14,
      },
    ])
    expect(
      await t.db
        .selectFrom('reporting.year_whatsapp_vs_other')
        .selectAll()
        .orderBy('year')
        .execute(),
    ).toEqual([
      {
        year: 2020,
        whatsapp: 2,
        other: 1,
        consultations: 3,
        whatsapp_share_pct: 66.67,
        other_share_pct: 33.33,
      },
      {
        year: 2021,
        whatsapp: 9,
        other: 5,
        consultations: 14,
        whatsapp_share_pct: 64.29,
        other_share_pct: 35.71,
      },
      {
        year: 2022,
        whatsapp: 6,
        other: 0,
        consultations: 6,
        whatsapp_share_pct: 100,
        other_share_pct: 0,
      },
    ])
  })

  it('gives every segment of every month, with shares', async () => {
    const december = await t.db
      .selectFrom('reporting.segment_month_share')
      .select(['segment', 'consultations', 'share_pct'])
      .where('month', '=', '2021-12-01')
      .orderBy('segment')
      .execute()
    expect(december).toEqual([
      { segment: 'kementerian_lembaga', consultations: 2, share_pct: 25 },
      { segment: 'lainnya', consultations: 5, share_pct: 62.5 },
      { segment: 'mahasiswa', consultations: 1, share_pct: 12.5 },
      { segment: 'pemda', consultations: 0, share_pct: 0 },
    ])
  })

  it('builds the report with the same figures as the views', async () => {
    const report = await loadReport(t.db, { year: 2021 })
    expect(report.month).toBe('2021-12')
    expect(report.years[1].monthly).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 8])
    expect(report.years[0].monthly).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3])
    expect(report.years[1].documentsMonthly.slice(10)).toEqual([3, 1])
    expect(report.yearlyGrowthPct).toBe(366.67)
    expect([report.years[1].whatsappSharePct, report.years[1].otherSharePct]).toEqual([
      64.29, 35.71,
    ])
    const fromViews = await channelMonth('2021-12')
    for (const c of report.breakdown.channels) {
      const view = fromViews.find((v) => v.channel === c.channel)
      expect([
        c.consultations,
        c.sharePct,
        c.changeVsPreviousMonthPct,
        c.changeVsSameMonthLastYearPct,
      ]).toEqual([
        view?.consultations,
        view?.share_pct,
        view?.change_vs_previous_month_pct,
        view?.change_vs_same_month_last_year_pct,
      ])
    }
    expect(report.breakdown.channels.find((c) => c.channel === 'phone')?.abandoned).toBe(1)
    expect(report.topTopics.whatsapp).toEqual([
      { rank: 1, topic: 'Dana Alokasi Umum', code: 'dau', consultations: 5 },
    ])
    expect(report.segments[11]?.segments).toEqual({
      pemda: 0,
      kementerian_lembaga: 2,
      mahasiswa: 1,
      lainnya: 5,
    })
  })

  it('takes the month asked for and refuses one outside the year', async () => {
    expect((await loadReport(t.db, { year: 2021, month: '2021-11' })).breakdown).toMatchObject({
      month: '2021-11',
      consultations: 6,
      previousMonth: 0,
      changeVsPreviousMonthPct: null,
    })
    await expect(loadReport(t.db, { year: 2021, month: '2022-01' })).rejects.toThrow(
      'month 2022-01 is not in 2021',
    )
  })

  // Runs last: it changes a fact.
  it("follows a late correction: a ticket re-exported as spam changes its month and the next month's change", async () => {
    const january = async () =>
      (await channelMonth('2022-01')).find((r) => r.channel === 'whatsapp')
        ?.change_vs_previous_month_pct
    expect(await january()).toBe(20)
    await reexportTicket(t.db, importId, {
      id: '2021-12-whatsapp-resolved-0',
      channel: 'whatsapp',
      openedAt: '2021-12-15T03:00:00Z',
      status: 'spam',
    })
    await recomputeMonths(t.db, ['2021-12'])
    expect((await channelMonth('2021-12')).find((r) => r.channel === 'whatsapp')).toEqual({
      channel: 'whatsapp',
      consultations: 4,
      share_pct: 57.14,
      change_vs_previous_month_pct: 0,
      change_vs_same_month_last_year_pct: 100,
    })
    expect(await january()).toBe(50)
    const spam = await t.db
      .selectFrom('reporting.channel_month')
      .select(['spam', 'consultations'])
      .where('month', '=', '2021-12-01')
      .where('channel', '=', 'whatsapp')
      .executeTakeFirstOrThrow()
    expect(spam).toEqual({ spam: 1, consultations: 4 })
  })
})
