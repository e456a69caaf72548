/**
 * What people ask DJPK about: the topic list every channel's raw topics and subjects map to.
 * The names are the publication's (Statistik Layanan Informasi 2021): the transfers to regions
 * (TKD and its parts) and the systems and budgets around them. Data, not code: extend it here,
 * or with TOPIC_MAP_FILE (docs/reporting.md, Topics).
 */
export interface TopicRule {
  /** Stable code kept in reporting.topic_month.topic: lower case, digits and `_`. */
  code: string
  /** The Indonesian label the report and the publication print. */
  label: string
  /** Other whole labels an export uses for it (a Deskpro label "DAU", a HAI Topik Permasalahan). */
  aliases: readonly string[]
  /** Words or phrases that mark a free-text subject as this topic, tried in topic order. */
  keywords: readonly string[]
}

/** Text that names no known topic counts here. */
export const OTHER_TOPIC = 'lainnya'

export const TOPIC_CODE = /^[a-z][a-z0-9_]*$/

/**
 * The default topics, in the order their keywords are tried: the specific before the general
 * ("Batas kumulatif defisit APBD" is about a loan, "Input APBD di SIKD" about SIKD), so APBD
 * and TKD come last.
 */
export const DEFAULT_TOPICS: readonly TopicRule[] = [
  {
    code: 'pinjaman_daerah',
    label: 'Pinjaman Daerah',
    aliases: [],
    keywords: ['pinjaman', 'defisit'],
  },
  {
    code: 'sikd',
    label: 'Sistem Informasi Keuangan Daerah',
    aliases: ['SIKD'],
    keywords: ['sikd', 'login', 'password', 'akun', 'upload laporan', 'gagal kirim'],
  },
  {
    code: 'insentif_fiskal',
    label: 'Insentif Fiskal',
    aliases: ['DID', 'Dana Insentif Daerah'],
    keywords: ['insentif fiskal', 'insentif daerah', 'did'],
  },
  {
    code: 'dak_nonfisik',
    label: 'Dana Alokasi Khusus Nonfisik',
    aliases: ['DAK Nonfisik', 'DAK Non Fisik'],
    keywords: ['dak nonfisik', 'dak non fisik', 'bos', 'bok', 'tunjangan profesi'],
  },
  {
    code: 'dak_fisik',
    label: 'Dana Alokasi Khusus Fisik',
    aliases: ['DAK Fisik'],
    keywords: ['dak fisik'],
  },
  {
    code: 'dau',
    label: 'Dana Alokasi Umum',
    aliases: ['DAU'],
    keywords: ['dau', 'dana alokasi umum'],
  },
  {
    code: 'dbh',
    label: 'Dana Bagi Hasil',
    aliases: ['DBH'],
    keywords: ['dbh', 'dana bagi hasil'],
  },
  {
    code: 'dana_desa',
    label: 'Dana Desa',
    aliases: [],
    keywords: ['dana desa', 'blt'],
  },
  {
    code: 'pdrd',
    label: 'Pajak Daerah dan Retribusi Daerah',
    aliases: ['PDRD', 'Pajak dan Retribusi Daerah'],
    keywords: ['pdrd', 'pajak daerah', 'retribusi', 'opsen'],
  },
  {
    code: 'tkd',
    label: 'Transfer ke Daerah',
    aliases: ['TKD', 'TKDD', 'Transfer ke Daerah dan Dana Desa'],
    keywords: ['tkd', 'tkdd', 'transfer ke daerah'],
  },
  {
    code: 'apbd',
    label: 'APBD',
    aliases: ['Anggaran Pendapatan dan Belanja Daerah'],
    keywords: ['apbd', 'laporan keuangan', 'refocusing'],
  },
  {
    code: OTHER_TOPIC,
    label: 'Lainnya',
    // What exports put where a topic goes and that says nothing about it: HAI Kemenkeu's
    // Kategori Layanan, Deskpro's default department (docs/formats). The subject decides.
    aliases: [
      'Informasi',
      'Permintaan Informasi',
      'Permintaan Data',
      'Kendala Aplikasi',
      'Pengaduan',
      'Layanan DJPK',
    ],
    keywords: [],
  },
]

/**
 * Text as rules compare it: lower case, every run of characters other than letters and digits
 * one space, so `Upload laporan; gagal`, `"TKD"` and `DAK Non-Fisik` match their phrases.
 */
export function normalizeTopicText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}
