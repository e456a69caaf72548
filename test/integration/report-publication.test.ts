import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { chromium } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { REPORT_2021 } from '../report/published-figures.js'
import { runCli } from '../support/cli.js'
import { useTestDatabase } from '../support/database.js'
import { figuresOf2021Publication, writeRollups } from '../support/report-rollups.js'
import { insertFacts, insertImport } from './rollups-facts.js'

/** Debian's chromium and poppler-utils (.ci/run installs both); without them these tests fail. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const A4_WIDTH_PX = 794

/** The 2021 publication's figures (December: 844 on WhatsApp, 124 on the phone…) through the CLI. */
describe('dering report --format pdf, xlsx and the HTML chapters', () => {
  const t = useTestDatabase()
  let dir: string
  const dering = (...args: string[]) =>
    runCli(
      args,
      { DATABASE_URL: t.url, REDIS_URL: inject('redisUrl'), LOG_LEVEL: 'silent' },
      {
        timeoutMs: 120_000,
      },
    )

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dering-publication-'))
    await writeRollups(t.db, figuresOf2021Publication(), '2021-12')
    // The cut-off is the latest source time in the data: a ticket opened at 23.58 WIB on 31 December.
    await insertFacts(t.db, await insertImport(t.db), [
      { id: 'last-of-2021', openedAt: '2021-12-31T16:58:00Z' },
    ])
  })

  it('prints the December 2021 chapters to a PDF whose text has the sentences and figures', async () => {
    const out = path.join(dir, 'laporan.pdf')
    // As the issue asks for it: the month as a number of --year.
    const run = await dering(
      'report',
      '--year',
      '2021',
      '--month',
      '12',
      '--format',
      'pdf',
      '--out',
      out,
    )
    expect(run).toMatchObject({ code: 0, stdout: `wrote ${out}\n` })
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' })
    const flat = text.replace(/\s+/g, ' ')
    for (const sentence of [
      'Pada bulan Desember 2021, sebanyak 71,9% pengguna (844 konsultasi) menggunakan layanan WhatsApp sebagai media konsultasi.',
      'Jumlah konsultasi di bulan Desember 2021 melalui telepon meningkat sebesar 44,19% dibandingkan November 2021.',
      'Pada bulan Desember 2021, sebanyak 10,6% pengguna (124 konsultasi) menggunakan layanan telepon sebagai media konsultasi.',
      'Jumlah konsultasi di bulan Desember 2021 melalui HAI Kemenkeu meningkat sebesar 90,9% dibandingkan November 2021.',
      'Jumlah konsultasi di bulan Desember 2021 melalui Live Chat turun sebesar 14,3% dibandingkan November 2021.',
      'Jumlah konsultasi di bulan Desember 2021 meningkat (28,45%) dibandingkan bulan sebelumnya yang sebanyak 914 konsultasi.',
      'Topik yang paling banyak ditanyakan melalui telepon adalah terkait Dana Alokasi Umum (30 konsultasi).',
      'Sumber: dering, data per 31 Desember 2021 23.58 WIB',
      'Gambar 1. Rincian Tiket Konsultasi Tahun 2020–2021',
      'Tabel 1.',
    ]) {
      expect(flat).toContain(sentence)
    }
    const pages = Number(
      /^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))?.[1],
    )
    // A chapter per page: 13 chapters, some running over a second page.
    expect(pages).toBeGreaterThanOrEqual(13)
    expect(pages).toBeLessThan(30)
  })

  it('without a Chromium, pdf exits 2 saying how to install one', async () => {
    // A PATH holding node alone.
    const bin = await mkdtemp(path.join(tmpdir(), 'dering-no-chromium-'))
    await symlink(process.execPath, path.join(bin, 'node'))
    const run = await runCli(
      ['report', '--year', '2021', '--format', 'pdf', '--out', path.join(dir, 'x.pdf')],
      { DATABASE_URL: t.url, LOG_LEVEL: 'silent', CHROMIUM_PATH: '', PATH: bin },
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('no chromium on PATH')
    expect(run.stderr).toContain('apt-get install chromium')
    expect(existsSync(path.join(dir, 'x.pdf'))).toBe(false)
  })

  it('xlsx and pdf need --out (exit 2)', async () => {
    const run = await dering('report', '--year', '2021', '--format', 'xlsx')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('give --out FILE')
  })

  it('writes a workbook with a sheet per table, real numbers and frozen headers', async () => {
    const out = path.join(dir, 'laporan.xlsx')
    expect(
      await dering('report', '--year', '2021', '--format', 'xlsx', '--out', out),
    ).toMatchObject({ code: 0 })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(out)
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'README',
      'Konsultasi',
      'Per kanal',
      'Rincian bulan',
      'WA dan non-WA',
      'Segmen',
      'Topik',
      'Email Lapor',
    ])
    expect(workbook.getWorksheet('README')!.getCell('A2').value).toBe(
      'Sumber: dering, data per 31 Desember 2021 23.58 WIB',
    )
    const monthly = workbook.getWorksheet('Konsultasi')!
    const { monthly_total, yearly_total } = REPORT_2021.consultations
    expect(monthly.getRow(3).values).toEqual([
      undefined,
      '2021',
      ...monthly_total['2021'],
      yearly_total['2021'],
    ])
    expect(monthly.getCell('N3').numFmt).toBe('#,##0')
    expect(monthly.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const breakdown = workbook.getWorksheet('Rincian bulan')!
    expect(breakdown.getRow(2).values).toEqual(
      expect.arrayContaining(['WhatsApp', 844, 0.7189, 675, 0.2504]),
    )
    expect(breakdown.getCell('C2').numFmt).toBe('0.00%')
    expect(breakdown.getColumn(1).width).toBeGreaterThanOrEqual('Hai Kemenkeu'.length)
    expect(workbook.getWorksheet('Email Lapor')!.getCell('N3').value).toBe(
      REPORT_2021.email_lapor_documents.yearly_total['2021'],
    )
  })

  it('renders every chapter at A4 width without overflow', async () => {
    const out = path.join(dir, 'laporan.html')
    expect(
      await dering('report', '--year', '2021', '--format', 'html', '--out', out),
    ).toMatchObject({ code: 0 })
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    })
    try {
      const page = await browser.newPage({ viewport: { width: A4_WIDTH_PX, height: 1123 } })
      await page.goto(`file://${out}`)
      await page.emulateMedia({ media: 'print' })
      // Run in the page (as a string: the tests are typed without the DOM library).
      const overflow = await page.evaluate<{
        scroll: number
        wide: string[]
        chapters: number
      }>(`(() => {
        const width = document.documentElement.clientWidth
        const wide = [...document.querySelectorAll('section.chapter, figure, svg, table')].filter(
          (e) => e.getBoundingClientRect().right > width + 0.5,
        )
        return {
          scroll: document.documentElement.scrollWidth - width,
          wide: wide.map((e) => e.tagName),
          chapters: document.querySelectorAll('section.chapter').length,
        }
      })()`)
      expect(overflow).toEqual({ scroll: 0, wide: [], chapters: 13 })
      for (const id of ['kanal-phone', 'perbandingan']) {
        await page.locator(`#${id}`).screenshot({ path: path.join(dir, `${id}.png`) })
      }
    } finally {
      await browser.close()
    }
  })
})
