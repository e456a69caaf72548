/**
 * The publication's consultation chapters, in the order and wording of the 2021 publication:
 * each a list of blocks (sentences, figures, tables) the HTML page numbers and lays out.
 */
import { CHANNELS, CHANNEL_LABELS } from '../domain/channel.js'
import { SEGMENT_LABELS, SEGMENTS } from '../domain/segment.js'
import type { Mismatch } from './compare-report.js'
import { toReportJson, type ReportJson } from './format-json.js'
import { MONTH_ABBREVIATIONS, nameMonth } from './month-names.js'
import {
  describeDocumentTotal,
  describeMissingMonths,
  describeMonthComparison,
  describeTopSegment,
  describeWhatsappShare,
  describeYearGrowth,
  describeYearToDate,
} from './publication-sentences.js'
import { COLORS, MONTH_AXES, type Chapter } from './publication-blocks.js'
import { buildChannelChapter } from './publication-channel-chapter.js'
import type { Report } from './report.js'
import { describeReport } from './report-sections.js'
import type { Series } from './svg-charts.js'
import { formatCount } from './format-number.js'

export interface PublicationOptions {
  /** Published figures that differ from the computed ones (from --compare). */
  mismatches?: readonly Mismatch[]
}

export function buildChapters(report: Report, options: PublicationOptions = {}): Chapter[] {
  const json = toReportJson(report)
  const [monthly, channels, breakdown, whatsapp, segments, topics, documents] =
    describeReport(report)
  const missing = (year: number) => describeMissingMonths(json, year)
  const paragraphs = (...texts: (string | null)[]) =>
    texts
      .filter((t): t is string => t !== null)
      .map((text) => ({ kind: 'paragraph', text }) as const)
  const { year } = json
  const month = nameMonth(json.month)
  return [
    {
      id: 'ringkasan',
      title: 'Ringkasan Layanan Konsultasi',
      subtitle: `Tahun ${year}`,
      blocks: [
        {
          kind: 'highlight',
          figure: formatCount(json.consultations.yearly_total[year] ?? 0),
          caption: `Konsultasi Tahun ${year}`,
        },
        {
          kind: 'highlight',
          figure: formatCount(json.email_lapor_documents.yearly_total[year] ?? 0),
          caption: `Dokumen Email Lapor Tahun ${year}`,
        },
        ...paragraphs(describeYearToDate(json), missing(year)),
      ],
    },
    {
      id: 'rincian-tiket',
      title: `Rincian Tiket Konsultasi Tahun ${year - 1}–${year}`,
      subtitle: 'Konsultasi per bulan',
      blocks: [
        {
          kind: 'figure',
          title: `Rincian Tiket Konsultasi Tahun ${year - 1}–${year}`,
          chart: {
            type: 'line',
            labels: MONTH_ABBREVIATIONS,
            axes: MONTH_AXES,
            series: [
              {
                name: String(year - 1),
                color: COLORS.previous,
                values: yearSeries(json, year - 1),
              },
              { name: String(year), color: COLORS.current, values: yearSeries(json, year) },
            ],
          },
        },
        { kind: 'table', section: monthly! },
        ...paragraphs(describeYearGrowth(json), missing(year - 1), missing(year)),
      ],
    },
    {
      id: 'wa-non-wa',
      title: `Tiket Konsultasi Tahun ${year}`,
      subtitle: 'WhatsApp dan non-WhatsApp',
      blocks: [
        ...paragraphs(describeWhatsappShare(json)),
        {
          kind: 'figure',
          title: `Perbandingan Tiket Konsultasi dari WA dan Non WA Tahun ${year - 1}–${year}`,
          chart: {
            type: 'stacked',
            labels: [String(year - 1), String(year)],
            axes: { x: 'Tahun', y: 'Jumlah konsultasi' },
            series: [
              { name: 'WA', color: COLORS.whatsapp, values: splitOf(json, 'whatsapp') },
              { name: 'Non WA', color: COLORS.other, values: splitOf(json, 'other') },
            ],
          },
        },
        { kind: 'table', section: whatsapp! },
      ],
    },
    {
      id: 'perbandingan',
      title: 'Perbandingan Jumlah Konsultasi',
      subtitle: `Bulan ${month}`,
      blocks: [
        ...paragraphs(...describeMonthComparison(json), describeYearToDate(json)),
        {
          kind: 'figure',
          title: `Jumlah Konsultasi Bulan ${month} per Kanal`,
          chart: {
            type: 'bars',
            labels: CHANNELS.map((c) => CHANNEL_LABELS[c]),
            axes: { x: 'Kanal', y: 'Jumlah konsultasi' },
            series: breakdownSeries(json),
          },
        },
        { kind: 'table', section: breakdown! },
      ],
    },
    {
      id: 'pengguna',
      title: 'Pengguna Layanan Konsultasi',
      subtitle: `Bulan ${month}`,
      blocks: [
        ...paragraphs(describeTopSegment(json)),
        {
          kind: 'figure',
          title: `Pengguna Layanan Konsultasi per Segmen, ${month}`,
          chart: {
            type: 'bars',
            labels: SEGMENTS.map((s) => SEGMENT_LABELS[s]),
            axes: { x: 'Segmen pengguna', y: 'Jumlah konsultasi' },
            series: [
              {
                name: month,
                color: COLORS.current,
                values: SEGMENTS.map((s) => json.segments[json.month]?.[s] ?? 0),
              },
            ],
          },
        },
        ...paragraphs(
          'Pemda: termasuk Anggota/Pimpinan DPRD dan Perangkat Daerah/Desa.',
          'Kementerian/Lembaga: pengguna dari instansi pemerintah pusat.',
          'Mahasiswa: termasuk akademisi dan peneliti.',
        ),
        {
          kind: 'list',
          intro: 'Lainnya: mencakup pengguna selain pemda, K/L, dan mahasiswa seperti:',
          items: ['Masyarakat umum', 'Perusahaan swasta', 'Wartawan/media', 'Tenaga Medis', 'Bank'],
        },
        { kind: 'table', section: segments! },
      ],
    },
    ...CHANNELS.map((channel) => buildChannelChapter(json, channel)),
    {
      id: 'email-lapor',
      title: `Email Lapor Tahun ${year}`,
      subtitle: 'Dokumen persyaratan salur TKDD',
      blocks: [
        {
          kind: 'figure',
          title: `Rincian Penerimaan Dokumen melalui Email Lapor Tahun ${year}`,
          chart: {
            type: 'bars',
            labels: MONTH_ABBREVIATIONS,
            axes: { x: 'Bulan', y: 'Jumlah dokumen' },
            series: [
              {
                name: String(year),
                color: COLORS.current,
                values: json.email_lapor_documents.monthly[year] ?? [],
              },
            ],
          },
        },
        { kind: 'table', section: documents! },
        ...paragraphs(describeDocumentTotal(json)),
      ],
    },
    {
      id: 'lampiran',
      title: 'Lampiran',
      subtitle: 'Tabel rinci',
      blocks: [
        { kind: 'table', section: channels! },
        { kind: 'table', section: topics! },
      ],
    },
    methodologyChapter(json, options),
  ]
}

function methodologyChapter(json: ReportJson, options: PublicationOptions): Chapter {
  const notes = [
    'Konsultasi adalah tiket dari semua kanal (WhatsApp, Telepon, Email, Hai Kemenkeu, dan Live Chat) yang tidak ditinggalkan pengguna dan bukan spam; tiket terbuka, tertunda, dan selesai dihitung.',
    'Tiket dihitung pada bulan dibukanya menurut waktu Indonesia Barat (WIB, UTC+7); dokumen Email Lapor pada bulan diterimanya. Dokumen Email Lapor bukan konsultasi.',
    'Persentase porsi ditulis dengan satu desimal dan persentase perubahan dengan dua desimal, dibulatkan menjauhi nol. Perubahan tanpa pembanding (nol atau belum ada data) tidak dihitung.',
  ]
  const mismatches = options.mismatches
  if (mismatches !== undefined) {
    notes.push(
      mismatches.length === 0
        ? 'Semua angka terbitan yang dibandingkan sesuai dengan hasil perhitungan.'
        : `Angka terbitan yang tidak sesuai dengan hasil perhitungan: ${mismatches
            .map(
              (m) => `${m.figure} (terbitan ${m.published ?? '–'}, hitungan ${m.computed ?? '–'})`,
            )
            .join('; ')}.`,
    )
  }
  return {
    id: 'metodologi',
    title: 'Catatan Metodologi',
    subtitle: `Data Tahun ${json.year - 1}–${json.year}`,
    blocks: notes.map((text) => ({ kind: 'paragraph', text })),
  }
}

function yearSeries(json: ReportJson, year: number): number[] {
  return json.consultations.monthly_total[year] ?? []
}

function splitOf(json: ReportJson, part: 'whatsapp' | 'other'): number[] {
  return [json.year - 1, json.year].map(
    (y) => json.consultations.yearly_whatsapp_vs_other[y]?.[part] ?? 0,
  )
}

function breakdownSeries(json: ReportJson): Series[] {
  const b = json.consultations.month_breakdown
  const counts = (pick: (c: (typeof b.channels)[number]) => number) =>
    CHANNELS.map((channel) => {
      const row = b.channels.find((c) => c.channel === channel)
      return row ? pick(row) : 0
    })
  return [
    {
      name: nameMonth(b.same_month_last_year),
      color: '#c8d0d8',
      values: counts((c) => c.same_month_last_year_consultations),
    },
    {
      name: nameMonth(b.previous_month),
      color: COLORS.previous,
      values: counts((c) => c.previous_month_consultations),
    },
    { name: nameMonth(b.month), color: COLORS.current, values: counts((c) => c.consultations) },
  ]
}
