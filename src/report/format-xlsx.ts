import ExcelJS from 'exceljs'
import { CHANNELS, CHANNEL_LABELS } from '../domain/channel.js'
import { SEGMENT_LABELS, SEGMENTS } from '../domain/segment.js'
import { sourceLine } from './format-cut-off.js'
import { MONTH_ABBREVIATIONS, nameMonth } from './month-names.js'
import { publicationTitle } from './report-sections.js'
import type { Report } from './report.js'

/** Display formats: whole numbers with a thousands separator, percentages with two decimals. */
const COUNT = '#,##0'
const PERCENT = '0.00%'
const SECONDS = '#,##0.0'

interface Column {
  header: string
  format?: string
}
type Cell = string | number | null

interface Sheet {
  name: string
  columns: Column[]
  rows: Cell[][]
}

const month12 = (label: string, values: readonly number[]): Cell[] => [
  label,
  ...values,
  values.reduce((a, b) => a + b, 0),
]
const monthColumns = (first: string): Column[] => [
  { header: first },
  ...[...MONTH_ABBREVIATIONS, 'Total'].map((header) => ({ header, format: COUNT })),
]
/** Percent figures of the report (71.89) as Excel fractions (0.7189) shown as 71,89%. */
const fraction = (pct: number | null) => (pct == null ? null : pct / 100)

/**
 * The report's tables as a workbook for analysts who continue in Excel: one sheet per table with
 * real numbers, display formats, a frozen header row and fitting widths, and a README sheet with
 * the source line. Excel shows the separators of its own locale (1.600 and 71,89% in Indonesian).
 */
export async function formatReportXlsx(report: Report): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'dering'
  for (const sheet of describeSheets(report)) addSheet(workbook, sheet)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

function describeSheets(report: Report): Sheet[] {
  const b = report.breakdown
  const source = sourceLine(report.dataAsOf)
  return [
    {
      name: 'README',
      columns: [{ header: publicationTitle(report.year) }],
      rows: [
        [source],
        [`Bulan rincian: ${nameMonth(report.month)} (WIB).`],
        [
          'Konsultasi: tiket semua kanal yang bukan ditinggalkan atau spam, pada bulan dibuka (WIB).',
        ],
        ['Persentase disimpan sebagai pecahan (0,7189) dan ditampilkan sebagai 71,89%.'],
        [
          'Satu lembar per tabel: Konsultasi, Per kanal, Rincian bulan, WA dan non-WA, Segmen, Topik, Email Lapor.',
        ],
      ],
    },
    {
      name: 'Konsultasi',
      columns: monthColumns('Tahun'),
      rows: report.years.map((y) => month12(String(y.year), y.monthly)),
    },
    {
      name: 'Per kanal',
      columns: [
        { header: 'Bulan' },
        ...CHANNELS.map((c) => ({ header: CHANNEL_LABELS[c], format: COUNT })),
        { header: 'Total', format: COUNT },
      ],
      rows: report.byChannel.map((m) => [m.month, ...CHANNELS.map((c) => m.channels[c]), m.total]),
    },
    {
      name: 'Rincian bulan',
      columns: [
        { header: 'Kanal' },
        { header: `Konsultasi ${nameMonth(b.month)}`, format: COUNT },
        { header: 'Porsi', format: PERCENT },
        { header: b.previousMonthLabel, format: COUNT },
        { header: 'Perubahan bulanan', format: PERCENT },
        { header: b.sameMonthLastYearLabel, format: COUNT },
        { header: 'Perubahan tahunan', format: PERCENT },
        { header: 'Tidak terjawab', format: COUNT },
        { header: 'Median respons (detik)', format: SECONDS },
        { header: 'Rata-rata respons (detik)', format: SECONDS },
      ],
      rows: [
        ...b.channels.map((c) => [
          c.label,
          c.consultations,
          fraction(c.sharePct),
          c.previousMonth,
          fraction(c.changeVsPreviousMonthPct),
          c.sameMonthLastYear,
          fraction(c.changeVsSameMonthLastYearPct),
          c.abandoned,
          c.firstResponseMedianSeconds,
          c.firstResponseMeanSeconds,
        ]),
        [
          'Total',
          b.consultations,
          b.consultations > 0 ? 1 : null,
          b.previousMonth,
          fraction(b.changeVsPreviousMonthPct),
          b.sameMonthLastYear,
          fraction(b.changeVsSameMonthLastYearPct),
          b.channels.reduce((n, c) => n + c.abandoned, 0),
          null,
          null,
        ],
      ],
    },
    {
      name: 'WA dan non-WA',
      columns: [
        { header: 'Tahun' },
        { header: 'WA', format: COUNT },
        { header: 'Porsi WA', format: PERCENT },
        { header: 'Non WA', format: COUNT },
        { header: 'Porsi non WA', format: PERCENT },
        { header: 'Total', format: COUNT },
      ],
      rows: report.years.map((y) => [
        String(y.year),
        y.whatsapp,
        fraction(y.whatsappSharePct),
        y.other,
        fraction(y.otherSharePct),
        y.total,
      ]),
    },
    {
      name: 'Segmen',
      columns: [
        { header: 'Bulan' },
        ...SEGMENTS.map((s) => ({ header: SEGMENT_LABELS[s], format: COUNT })),
        { header: 'Total', format: COUNT },
      ],
      rows: report.segments.map((m) => [m.month, ...SEGMENTS.map((s) => m.segments[s]), m.total]),
    },
    {
      name: 'Topik',
      columns: [
        { header: 'Kanal' },
        { header: 'Peringkat', format: COUNT },
        { header: 'Topik' },
        { header: `Konsultasi ${nameMonth(report.month)}`, format: COUNT },
      ],
      rows: CHANNELS.flatMap((c) =>
        report.topTopics[c].map((t) => [CHANNEL_LABELS[c], t.rank, t.topic, t.consultations]),
      ),
    },
    {
      name: 'Email Lapor',
      columns: monthColumns('Tahun'),
      rows: report.years.map((y) => month12(String(y.year), y.documentsMonthly)),
    },
  ]
}

function addSheet(workbook: ExcelJS.Workbook, sheet: Sheet): void {
  const worksheet = workbook.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  worksheet.addRow(sheet.columns.map((c) => c.header)).font = { bold: true }
  for (const row of sheet.rows) worksheet.addRow(row)
  sheet.columns.forEach((column, i) => {
    const target = worksheet.getColumn(i + 1)
    if (column.format) target.numFmt = column.format
    target.width = fitWidth(
      column,
      sheet.rows.map((row) => row[i] ?? null),
    )
  })
}

/** Characters the widest cell shows (a formatted number gains its separators), within 8–60. */
function fitWidth(column: Column, cells: readonly Cell[]): number {
  const shown = cells.map((cell) =>
    typeof cell === 'number'
      ? cell.toLocaleString('id-ID', { maximumFractionDigits: 2 }).length + 2
      : (cell ?? '').length,
  )
  // The README's sentences are long: they may run past their column.
  const header = column.header.length
  return Math.min(60, Math.max(8, header + 2, ...shown.map((n) => n + 1)))
}
