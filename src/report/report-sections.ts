import { CHANNELS, CHANNEL_LABELS } from '../domain/channel.js'
import { escapeControl } from '../domain/escape-control.js'
import { SEGMENT_LABELS, SEGMENTS } from '../domain/segment.js'
import { formatChange, formatCount, formatDuration, formatPercent } from './format-number.js'
import { MONTH_ABBREVIATIONS, nameMonth } from './month-names.js'
import { percentOf } from './percent.js'
import type { MonthComparison, Report } from './report.js'

/** One table of the report, already formatted for a reader; shared by the text and HTML pages. */
export interface ReportSection {
  title: string
  headers: string[]
  /** Columns (by index) holding numbers: right-aligned. */
  numeric: number[]
  rows: string[][]
  /** The last row is a total. */
  totalLast: boolean
  notes: string[]
}

const MONTH_COLUMNS = [...MONTH_ABBREVIATIONS, 'Total']
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i)
const monthRow = (label: string, values: readonly number[]) => [
  label,
  ...values.map(formatCount),
  formatCount(values.reduce((a, b) => a + b, 0)),
]

export function reportTitle(report: Report): string {
  return `${publicationTitle(report.year)} — bulan ${nameMonth(report.month)} (WIB)`
}

/** The publication's title for a year. */
export function publicationTitle(year: number): string {
  return `Statistik Layanan Informasi DJPK Tahun ${year}`
}

/** The report's tables for a reader; text from the data (topics) has its control characters escaped. */
export function describeReport(report: Report): ReportSection[] {
  const sections = [
    describeMonthly(report),
    describeChannels(report),
    describeBreakdown(report),
    describeWhatsapp(report),
    describeSegments(report),
    describeTopics(report),
    describeDocuments(report),
  ]
  return sections.map((section) => ({
    ...section,
    title: escapeControl(section.title),
    headers: section.headers.map((header) => escapeControl(header)),
    rows: section.rows.map((row) => row.map((cell) => escapeControl(cell))),
    notes: section.notes.map((note) => escapeControl(note)),
  }))
}

function describeMonthly(report: Report): ReportSection {
  const [previous, current] = report.years
  return {
    title: `Tiket konsultasi per bulan, ${previous.year}–${current.year}`,
    headers: ['Tahun', ...MONTH_COLUMNS],
    numeric: range(1, 13),
    rows: report.years.map((y) => monthRow(String(y.year), y.monthly)),
    totalLast: false,
    notes: [
      `Total ${current.year}: ${formatCount(current.total)} konsultasi; ${previous.year}: ${formatCount(previous.total)}; ` +
        `perubahan ${formatChange(report.yearlyGrowthPct)}.`,
    ],
  }
}

function describeChannels(report: Report): ReportSection {
  const months = report.byChannel.filter((c) => c.month.startsWith(`${report.year}-`))
  return {
    title: `Konsultasi per kanal, ${report.year}`,
    headers: ['Kanal', ...MONTH_COLUMNS],
    numeric: range(1, 13),
    rows: [
      ...CHANNELS.map((channel) =>
        monthRow(
          CHANNEL_LABELS[channel],
          months.map((m) => m.channels[channel]),
        ),
      ),
      monthRow(
        'Total',
        months.map((m) => m.total),
      ),
    ],
    totalLast: true,
    notes: [],
  }
}

function describeBreakdown(report: Report): ReportSection {
  const b = report.breakdown
  const abandoned = b.channels.reduce((n, c) => n + c.abandoned, 0)
  const changes = (r: MonthComparison) => [
    formatCount(r.previousMonth),
    formatChange(r.changeVsPreviousMonthPct),
    formatCount(r.sameMonthLastYear),
    formatChange(r.changeVsSameMonthLastYearPct),
  ]
  return {
    title: `Konsultasi ${nameMonth(b.month)} per kanal`,
    headers: [
      'Kanal',
      'Konsultasi',
      'Porsi',
      b.previousMonthLabel,
      'Perubahan',
      b.sameMonthLastYearLabel,
      'Perubahan',
      'Tidak terjawab',
      'Median respons',
      'Rata-rata respons',
    ],
    numeric: range(1, 9),
    rows: [
      ...b.channels.map((c) => [
        c.label,
        formatCount(c.consultations),
        formatPercent(c.sharePct),
        ...changes(c),
        formatCount(c.abandoned),
        formatDuration(c.firstResponseMedianSeconds),
        formatDuration(c.firstResponseMeanSeconds),
      ]),
      [
        'Total',
        formatCount(b.consultations),
        formatPercent(percentOf(b.consultations, b.consultations)),
        ...changes(b),
        formatCount(abandoned),
        '',
        '',
      ],
    ],
    totalLast: true,
    notes: ['Respons: dari tiket dibuka sampai tanggapan pertama (jam:menit:detik).'],
  }
}

function describeWhatsapp(report: Report): ReportSection {
  return {
    title: 'Tiket konsultasi WhatsApp dan non-WhatsApp per tahun',
    headers: ['Tahun', 'WA', 'Porsi WA', 'Non WA', 'Porsi non WA', 'Total'],
    numeric: range(1, 5),
    rows: report.years.map((y) => [
      String(y.year),
      formatCount(y.whatsapp),
      formatPercent(y.whatsappSharePct),
      formatCount(y.other),
      formatPercent(y.otherSharePct),
      formatCount(y.total),
    ]),
    totalLast: false,
    notes: [],
  }
}

function describeSegments(report: Report): ReportSection {
  return {
    title: `Pengguna layanan konsultasi per segmen, ${report.year}`,
    headers: ['Segmen', ...MONTH_COLUMNS],
    numeric: range(1, 13),
    rows: SEGMENTS.map((segment) =>
      monthRow(
        SEGMENT_LABELS[segment],
        report.segments.map((m) => m.segments[segment]),
      ),
    ),
    totalLast: false,
    notes: [],
  }
}

function describeTopics(report: Report): ReportSection {
  const rows = CHANNELS.flatMap((channel) =>
    report.topTopics[channel].map((t) => [
      CHANNEL_LABELS[channel],
      String(t.rank),
      t.topic,
      formatCount(t.consultations),
    ]),
  )
  return {
    title: `Topik yang paling banyak ditanyakan, ${nameMonth(report.month)}`,
    headers: ['Kanal', 'Peringkat', 'Topik', 'Konsultasi'],
    numeric: [1, 3],
    rows,
    totalLast: false,
    notes: rows.length === 0 ? ['Tidak ada topik tercatat bulan ini.'] : [],
  }
}

function describeDocuments(report: Report): ReportSection {
  const [, current] = report.years
  return {
    title: 'Email Lapor: dokumen persyaratan salur TKDD per bulan',
    headers: ['Tahun', ...MONTH_COLUMNS],
    numeric: range(1, 13),
    rows: report.years.map((y) => monthRow(String(y.year), y.documentsMonthly)),
    totalLast: false,
    notes: [`Total ${current.year}: ${formatCount(current.documentsTotal)} dokumen.`],
  }
}
