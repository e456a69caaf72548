import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { runCli } from '../support/cli.js'
import { useTestDatabase } from '../support/database.js'
import { insertDocuments, insertFacts, insertImport, type Fact } from './rollups-facts.js'

describe('dering rollup and dering report as subprocesses', () => {
  const t = useTestDatabase()
  let dir: string

  const dering = (...args: string[]) =>
    runCli(args, { DATABASE_URL: t.url, REDIS_URL: inject('redisUrl'), LOG_LEVEL: 'silent' })

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dering-report-'))
    const importId = await insertImport(t.db)
    const facts: Fact[] = [
      ...Array.from({ length: 4 }, (_, i): Fact => ({
        id: `nov-${i}`,
        openedAt: '2021-11-10T02:00:00Z',
      })),
      ...Array.from({ length: 5 }, (_, i): Fact => ({
        id: `dec-${i}`,
        openedAt: '2021-12-10T02:00:00Z',
      })),
      { id: 'dec-phone', channel: 'phone', openedAt: '2021-12-11T02:00:00Z' },
      { id: 'dec-2020', openedAt: '2020-12-10T02:00:00Z' },
    ]
    await insertFacts(t.db, importId, facts)
    await insertDocuments(t.db, importId, ['2021-12-01T02:00:00Z'])
    await sql`insert into rollup_pending (month) values ('2020-12-01'), ('2021-11-01'), ('2021-12-01')`.execute(
      t.db,
    )
  })

  it('recomputes the pending months by default, then the recent ones', async () => {
    const pending = await dering('rollup', '--json')
    expect(pending.code).toBe(0)
    expect(JSON.parse(pending.stdout)).toMatchObject({
      source: 'pending',
      months: ['2020-12', '2021-11', '2021-12'],
    })
    const recent = JSON.parse((await dering('rollup', '--json')).stdout) as {
      source: string
      months: string[]
    }
    expect(recent.source).toBe('recent')
    expect(recent.months).toHaveLength(2)
  })

  it('recomputes the months given, or all', async () => {
    const months = await dering('rollup', '--month', '2021-12', '--month', '2021-11')
    expect(months).toMatchObject({ code: 0, stderr: '' })
    expect(months.stdout).toMatch(
      /^recomputed 2 month\(s\) \(months\): 2021-11, 2021-12 in \d+\.\ds\n$/,
    )
    const all = await dering('rollup', '--all', '--json')
    expect(JSON.parse(all.stdout)).toMatchObject({
      source: 'all',
      months: ['2020-12', '2021-11', '2021-12'],
    })
  })

  it('refuses --month with --all, and a malformed month', async () => {
    const both = await dering('rollup', '--all', '--month', '2021-12')
    expect(both.code).not.toBe(0)
    expect(both.stderr).toContain("option '--month <YYYY-MM>' cannot be used with option '--all'")
    const bad = await dering('rollup', '--month', '2021-13')
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('expected YYYY-MM')
  })

  it('prints the report as JSON for scripts', async () => {
    const { code, stdout } = await dering('report', '--year', '2021', '--format', 'json')
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({
      format: 'dering-report',
      version: 1,
      year: 2021,
      month: '2021-12',
      consultations: {
        yearly_total: { '2020': 1, '2021': 10 },
        by_channel: {
          '2021-12': { whatsapp: 5, phone: 1, email: 0, hai_kemenkeu: 0, livechat: 0, total: 6 },
        },
        changes: { '2021-12_vs_2021-11_total_pct': 50, '2021-12_vs_2020-12_total_pct': 500 },
      },
      email_lapor_documents: { yearly_total: { '2021': 1 } },
    })
  })

  it('prints aligned text by default and writes other formats to --out', async () => {
    const table = await dering('report', '--month', '2021-11')
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('Konsultasi November 2021 per kanal')
    const out = path.join(dir, 'laporan.html')
    const html = await dering('report', '--year', '2021', '--format', 'html', '--out', out)
    expect(html).toMatchObject({ code: 0, stdout: `wrote ${out}\n` })
    expect(await readFile(out, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<svg [\s\S]*<\/html>\n$/)
  })

  it('exits 1 listing each mismatch with --compare, 0 when all figures agree', async () => {
    const published = path.join(dir, 'published.json')
    await writeFile(
      published,
      JSON.stringify({
        consultations: {
          yearly_total: { '2020': 1, '2021': 11 },
          published_changes: { '2021-12_vs_2021-11_total_pct': 50 },
          published_figures_that_do_not_reconcile: { whatsapp_share_2021_pct: { printed: 91 } },
        },
      }),
    )
    const mismatched = await dering('report', '--year', '2021', '--compare', published)
    expect(mismatched.code).toBe(1)
    expect(mismatched.stdout).toBe(
      [
        `compared 4 published figures with ${published}: 2 mismatch(es)`,
        'consultations.yearly_total.2021: computed 10, published 11',
        'consultations.published_figures_that_do_not_reconcile.whatsapp_share_2021_pct.printed: computed 90, published 91',
        '',
      ].join('\n'),
    )
    const asJson = await dering(
      'report',
      '--year',
      '2021',
      '--compare',
      published,
      '--format',
      'json',
    )
    expect(JSON.parse(asJson.stdout)).toMatchObject({
      compared_with: published,
      checked: 4,
      mismatches: [{}, {}],
    })

    const own = path.join(dir, 'own.json')
    await writeFile(own, (await dering('report', '--year', '2021', '--format', 'json')).stdout)
    expect(await dering('report', '--year', '2021', '--compare', own)).toMatchObject({ code: 0 })
  })

  it('fails in one line on bad arguments', async () => {
    const noYear = await dering('report')
    expect(noYear.code).toBe(2)
    expect(noYear.stderr).toMatch(/^dering report: give --year YYYY \(or --month YYYY-MM\)\n/)
    const outside = await dering('report', '--year', '2021', '--month', '2022-01')
    expect(outside.code).toBe(2)
    expect(outside.stderr).toMatch(/^dering report: --month 2022-01 is not in --year 2021\n/)
    const missing = await dering(
      'report',
      '--year',
      '2021',
      '--compare',
      path.join(dir, 'nothing.json'),
    )
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^dering: --compare .*nothing\.json: ENOENT/)
    const nowhere = path.join(dir, 'no-such-folder', 'report.html')
    const unwritable = await dering(
      'report',
      '--year',
      '2021',
      '--format',
      'html',
      '--out',
      nowhere,
    )
    expect(unwritable.code).toBe(1)
    expect(unwritable.stderr).toMatch(/^dering: --out .*no-such-folder\/report\.html: ENOENT/)
  })
})
