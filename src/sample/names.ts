/** A comma-separated list written as text, so data tables stay compact in the source. */
export function listOf(text: string): readonly string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
}

/** Made-up people for the sample: common Indonesian given names and family names. */
export const GIVEN_NAMES = listOf(`
  Budi, Siti, Agus, Dewi, Rina, Andi, Eko, Sri, Wahyu, Nur, Dian, Fitri, Hendra, Yudi, Rizky,
  Ahmad, Muhammad, Putri, Indah, Ayu, Bayu, Dimas, Fajar, Gita, Hadi, Irfan, Joko, Kartika,
  Lestari, Made, Nyoman, Ketut, Wayan, Novi, Oktavia, Puspita, Rahmat, Slamet, Teguh, Umar, Vina,
  Wulan, Yanti, Zainal, Arif, Bambang, Cahya, Dodi, Erna, Firman, Gunawan, Hasan, Ismail, Krisna,
  Lukman, Maya, Nanda, Ratna, Sinta, Taufik, Yoga, Ratih, Rudi, Suryani, Tri, Yusuf, Halimah,
  Syahrul, Marlina, Asep, Ujang, Cecep, Nining, Togar, Frans, Yohanes, Maria, Theresia, Abdul,
  Nurul, Reza, Anisa`)

export const FAMILY_NAMES = listOf(`
  Santoso, Wijaya, Saputra, Pratama, Hidayat, Nugroho, Setiawan, Kurniawan, Wulandari, Susanto,
  Siregar, Nasution, Harahap, Simanjuntak, Sitompul, Lubis, Tanjung, Sembiring, Ginting, Tarigan,
  Manurung, Panjaitan, Hutapea, Rahman, Hakim, Syahputra, Permana, Gunadi, Suryadi, Purnomo,
  Utami, Handayani, Rahayu, Maharani, Fauzi, Ramadhan, Firmansyah, Mahendra, Prasetyo, Hartono,
  Sulistyo, Anggraini, Puspitasari, Kusuma, Halim, Tambunan, Batubara, Daulay, Sinaga,
  Pangaribuan, Rumbiak, Mandagi, Pattiasina, Rumagit, Effendi, Syamsudin, Yulianti`)

/** Sociomile and HAI Kemenkeu show an agent's display name; the team changed in 2021. */
export const AGENTS_BY_YEAR: Readonly<Record<string, readonly string[]>> = {
  '2020': listOf('Rina, Agus, Dewi K., Fajar, Siti R., Yoga, Nurul, Bayu'),
  '2021': listOf('Rina, Agus, Dewi K., Maya, Siti R., Andi F., Nurul, Bayu, Tri W.'),
}
export const HAI_AGENTS = listOf('Rina, Agus, Nurul, Maya, Andi F., Tri W.')

/** Deskpro's numbered agent accounts, as the live chat widget shows them. */
export const DESKPRO_AGENTS = [
  { id: 41, name: 'Agent 001 DJPK' },
  { id: 42, name: 'Agent 002 DJPK' },
  { id: 45, name: 'Agent 003 DJPK' },
  { id: 57, name: 'Agent 004 DJPK' },
  { id: 58, name: 'Agent 005 DJPK' },
] as const

/** Who answers email: the contact center's own address and agents' mailboxes. */
export const AGENT_MAILBOXES = [
  { name: 'Call Center DJPK', address: 'callcenter.djpk@kemenkeu.go.id' },
  { name: 'Rina Wulandari', address: 'rina.wulandari@kemenkeu.go.id' },
  { name: 'Agus Setiawan', address: 'agus.setiawan@kemenkeu.go.id' },
  { name: 'Nurul Hidayah', address: 'nurul.hidayah@kemenkeu.go.id' },
  { name: 'Maya Anggraini', address: 'maya.anggraini@kemenkeu.go.id' },
] as const

/** Agents' Avaya logins: CMS `anslogin`, and the calling number of their outgoing calls. */
export const AGENT_LOGINS = listOf('4001, 4002, 4003, 4005, 4007, 4008, 4011')
