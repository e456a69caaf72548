import { listOf } from './names.js'
import type { Prng } from './prng.js'

/** What people ask DJPK about: transfers to regions (TKD) and the systems around them. */
export interface Topic {
  /** Short label: a Deskpro chat label. */
  code: string
  /** Long name: a Sociomile category, a HAI Kemenkeu `Topik Permasalahan`. */
  category: string
  weight: number
  /** Subject lines; `{tahap}`, `{tahun}`, `{bulan}` and `{daerah}` are filled in per ticket. */
  subjects: readonly string[]
}

export const TOPICS: readonly Topic[] = [
  {
    code: 'DAU',
    category: 'Dana Alokasi Umum',
    weight: 18,
    subjects: listOf(`
      Tanya DAU tahap {tahap}, Penyaluran kembali DAU yang ditunda, Penundaan DAU bulan {bulan},
      Rincian alokasi DAU {tahun} {daerah}, DAU earmarked kelurahan, Pemotongan DAU untuk iuran BPJS,
      DAU {daerah} belum masuk RKUD`),
  },
  {
    code: 'DAK Fisik',
    category: 'Dana Alokasi Khusus Fisik',
    weight: 15,
    subjects: listOf(`
      Syarat salur DAK Fisik tahap {tahap}, Upload dokumen DAK Fisik di OM-SPAN,
      Batas waktu reviu APIP DAK Fisik, Revisi RKK DAK Fisik {daerah},
      Sisa DAK Fisik {tahun} yang belum tersalur, Kontrak DAK Fisik belum terinput`),
  },
  {
    code: 'DAK Nonfisik',
    category: 'Dana Alokasi Khusus Nonfisik',
    weight: 6,
    subjects: listOf(`
      Penyaluran BOS reguler tahap {tahap}, Dana BOK puskesmas {daerah},
      Tunjangan profesi guru triwulan {tahap}, Laporan realisasi DAK Nonfisik`),
  },
  {
    code: 'DBH',
    category: 'Dana Bagi Hasil',
    weight: 12,
    subjects: listOf(`
      Info DBH CHT, Alokasi DBH sawit {tahun}, Kurang bayar DBH {daerah},
      Rekonsiliasi DBH PBB, DBH Migas triwulan {tahap}, Penggunaan DBH CHT untuk kesehatan`),
  },
  {
    code: 'Dana Desa',
    category: 'Dana Desa',
    weight: 14,
    subjects: listOf(`
      Penyaluran Dana Desa tahap {tahap}, BLT Dana Desa bulan {bulan}, Syarat salur Dana Desa {daerah},
      Dana Desa desa mandiri, Perubahan pagu Dana Desa {tahun}, Dana Desa tahap {tahap} belum cair`),
  },
  {
    code: 'SIKD',
    category: 'SIKD',
    weight: 11,
    subjects: listOf(`
      Kendala login SIKD, Upload laporan; gagal, Reset password aplikasi SIKD,
      Input APBD {tahun} di SIKD, Gagal kirim data APBD {daerah}, Akun SIKD operator baru`),
  },
  {
    code: 'TKD',
    category: 'Transfer ke Daerah',
    weight: 9,
    subjects: listOf(`
      Permohonan data TKD {tahun}, Data realisasi TKDD per daerah, Rincian TKDD APBN {tahun},
      PMK alokasi TKDD {tahun}, Permohonan data "TKD" untuk skripsi`),
  },
  {
    code: 'Insentif Fiskal',
    category: 'Insentif Fiskal',
    weight: 6,
    subjects: listOf(`
      Alokasi Dana Insentif Daerah {tahun}, Kriteria Insentif Fiskal kinerja,
      DID tambahan penanganan Covid-19, Penilaian kinerja Insentif Fiskal {daerah}`),
  },
  {
    code: 'Pinjaman Daerah',
    category: 'Pinjaman Daerah',
    weight: 3,
    subjects: listOf(
      'Pinjaman PEN daerah, Persetujuan pinjaman daerah {daerah}, Batas kumulatif defisit APBD',
    ),
  },
  {
    code: 'PDRD',
    category: 'Pajak dan Retribusi Daerah',
    weight: 3,
    subjects: listOf('Evaluasi Perda pajak daerah, Tarif retribusi daerah, Opsen pajak kendaraan'),
  },
  {
    code: 'APBD',
    category: 'APBD',
    weight: 3,
    subjects: listOf(
      'Data APBD {daerah} {tahun}, Refocusing APBD Covid-19, Laporan Keuangan Pemda',
    ),
  },
]

const ROMAN = ['I', 'II', 'III', 'IV'] as const
const MONTH_NAMES = listOf(`
  Januari, Februari, Maret, April, Mei, Juni, Juli, Agustus, September, Oktober, November, Desember`)

/** A topic weighted by how often it is asked about. */
export function pickTopic(prng: Prng): Topic {
  return prng.weighted(TOPICS.map((topic) => [topic, topic.weight] as const))
}

/** One subject line of the topic, placeholders filled for the month and the asker's region. */
export function pickSubject(prng: Prng, topic: Topic, month: string, regionName: string): string {
  const year = Number(month.slice(0, 4))
  return prng
    .pick(topic.subjects)
    .replace('{tahap}', prng.pick(ROMAN))
    .replace('{tahun}', String(prng.chance(0.8) ? year : year + 1))
    .replace('{bulan}', MONTH_NAMES[Number(month.slice(5, 7)) - 1]!)
    .replace('{daerah}', regionName)
}
