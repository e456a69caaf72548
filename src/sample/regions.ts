import { listOf } from './names.js'

/**
 * Regions (kabupaten, kota, provinsi) with made-up mail domains in the `*kab.go.id`,
 * `*kota.go.id`, `*prov.go.id` pattern that marks a regional government sender.
 */
export interface Region {
  /** As people write it: `Kab. Sleman`, `Kota Medan`, `Provinsi Bali`. */
  name: string
  domain: string
}

const KABUPATEN = listOf(`
  Sleman, Bantul, Kulon Progo, Gunungkidul, Klaten, Sukoharjo, Banyumas, Cilacap, Kendal, Demak,
  Bogor, Bandung, Garut, Cianjur, Sumedang, Sidoarjo, Gresik, Malang, Banyuwangi, Jember,
  Lamongan, Deli Serdang, Karo, Toba, Tapanuli Utara, Agam, Tanah Datar, Kampar, Bengkalis,
  Musi Banyuasin, Lampung Selatan, Ogan Komering Ilir, Kutai Kartanegara, Berau, Kapuas, Ketapang,
  Gowa, Bone, Maros, Minahasa, Banggai, Konawe, Lombok Timur, Sumba Barat, Manggarai, Badung,
  Gianyar, Buleleng, Jayapura, Mimika, Merauke, Maluku Tengah, Halmahera Utara, Aceh Besar, Pidie`)
const KOTA = listOf(`
  Yogyakarta, Surakarta, Semarang, Bandung, Bekasi, Depok, Malang, Medan, Padang, Pekanbaru,
  Palembang, Makassar, Manado, Denpasar, Balikpapan, Samarinda, Pontianak, Kupang, Ambon,
  Banda Aceh`)
/** Province name and the short code its domain uses. */
const PROVINSI = listOf(`
  Jawa Tengah:jateng, Jawa Barat:jabar, Jawa Timur:jatim, DI Yogyakarta:jogja, Sumatera Utara:sumut,
  Sumatera Barat:sumbar, Riau:riau, Sulawesi Selatan:sulsel, Kalimantan Timur:kaltim, Bali:bali,
  Nusa Tenggara Timur:ntt, Maluku:maluku, Aceh:aceh, Papua:papua`).map((entry) => entry.split(':'))

const slug = (name: string) => name.toLowerCase().replace(/[^a-z]/g, '')

export const REGIONS: readonly Region[] = [
  ...KABUPATEN.map((name) => ({ name: `Kab. ${name}`, domain: `${slug(name)}kab.go.id` })),
  ...KOTA.map((name) => ({ name: `Kota ${name}`, domain: `${slug(name)}kota.go.id` })),
  ...PROVINSI.map(([name, code]) => ({ name: `Provinsi ${name}`, domain: `${code}prov.go.id` })),
]

/** Offices of a regional government that write to DJPK, as mail subdomains. */
export const REGIONAL_OFFICES = listOf('bpkad, bkad, bappeda, dpmd, dprd, inspektorat')

/** Ministries and agencies (never the ministry of finance itself: its domain is the agents'). */
export const MINISTRY_DOMAINS = listOf(`
  kemendagri.go.id, bappenas.go.id, bpk.go.id, bpkp.go.id, kemendesa.go.id, kemkes.go.id,
  kemdikbud.go.id, pu.go.id, kemensos.go.id, bps.go.id, lkpp.go.id`)

export const UNIVERSITY_DOMAINS = listOf(`
  mail.ugm.ac.id, ui.ac.id, students.undip.ac.id, unpad.ac.id, unair.ac.id, its.ac.id, unhas.ac.id,
  usu.ac.id, unand.ac.id, student.unud.ac.id, uny.ac.id, pknstan.ac.id`)

export const PUBLIC_MAIL_DOMAINS = listOf(
  'gmail.com, gmail.com, gmail.com, yahoo.com, yahoo.co.id, outlook.com',
)

/** Companies, banks and media: the `lainnya` senders that are not on a public mail service. */
export const OTHER_ORGANIZATION_DOMAINS = listOf(
  'bankjateng.co.id, kompas.com, tempo.co, bri.co.id',
)
