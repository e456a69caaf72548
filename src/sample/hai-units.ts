import { listOf } from './names.js'

/**
 * Other units of the ministry whose tickets share the HAI Kemenkeu report, with what people ask
 * them. None contains `DJPK` as a word: a correct adapter skips their rows (`other unit`).
 */
export const OTHER_UNITS: readonly { unit: string; subjects: readonly string[] }[] = [
  {
    unit: 'DJP',
    subjects: listOf('Kendala EFIN, Lupa password DJP Online, Pengajuan NPWP, Lapor SPT Tahunan'),
  },
  {
    unit: 'DJPb',
    subjects: listOf('Gagal login SAKTI, Status SP2D, Gaji ASN bulan ini, Revisi DIPA'),
  },
  {
    unit: 'DJBC',
    subjects: listOf('Bea masuk barang kiriman, Tracking paket impor, Pengembalian bea masuk'),
  },
  { unit: 'DJKN', subjects: listOf('Jadwal lelang, Penetapan status BMN, Piutang negara') },
  { unit: 'DJA', subjects: listOf('RKA-K/L, Tarif PNBP') },
  { unit: 'DJPPR', subjects: listOf('Pendaftaran SBR, Kupon ORI, Sukuk tabungan') },
  { unit: 'BKF', subjects: listOf('Data kebijakan fiskal, Kajian insentif pajak') },
  { unit: 'Setjen', subjects: listOf('Info CPNS Kemenkeu, Legalisir ijazah, Magang Kemenkeu') },
  { unit: 'BPPK', subjects: listOf('Jadwal diklat, Sertifikat e-learning') },
  { unit: 'Itjen', subjects: listOf('Pengaduan pegawai, Whistleblowing system') },
]

/** DJPK as HAI agents write it; each matches the unit `DJPK` as a whole word. */
export const DJPK_UNIT_LABELS: readonly (readonly [string, number])[] = [
  ['DJPK', 80],
  ['djpk', 5],
  ['DJPK-Sekretariat', 5],
  ['DJPK/DJPb', 5],
  ['Ditjen Perimbangan Keuangan (DJPK)', 5],
]

export const SERVICE_CATEGORIES = listOf(
  'Informasi, Informasi, Permintaan Data, Kendala Aplikasi, Pengaduan',
)
export const HAI_SPAM_SUBJECTS = listOf('test, asdf, Promo investasi, Pinjaman online cepat')
