import type { Segment } from '../domain/segment.js'
import { listOf } from './names.js'
import type { Prng } from './prng.js'

/** How each export writes a customer's segment (formats/README.md, Segments). */
const LABELS = {
  sociomile: {
    pemda: listOf('Pemda, Pemda, Pemerintah Daerah, BPKAD, DPRD, Perangkat Desa'),
    kementerian_lembaga: listOf('K/L, Kementerian/Lembaga, Instansi Pusat'),
    mahasiswa: listOf('Mahasiswa, Mahasiswa, Akademisi, Peneliti'),
    // Agents leave the field empty now and then: it counts as `lainnya`.
    lainnya: ['Masyarakat', 'Umum', 'Swasta', 'Media', ''],
  },
  hai: {
    pemda: ['Pemerintah Daerah'],
    kementerian_lembaga: listOf('Kementerian/Lembaga, Satker'),
    mahasiswa: listOf('Akademisi, Mahasiswa'),
    lainnya: listOf('Masyarakat, Perusahaan, Media, Perbankan'),
  },
  deskpro: {
    pemda: ['Pemda'],
    kementerian_lembaga: ['K/L'],
    mahasiswa: ['Mahasiswa'],
    lainnya: listOf('Lainnya, Umum'),
  },
} as const satisfies Record<string, Record<Segment, readonly string[]>>

export type LabelSystem = keyof typeof LABELS

export function pickSegmentLabel(prng: Prng, system: LabelSystem, segment: Segment): string {
  return prng.pick(LABELS[system][segment])
}
