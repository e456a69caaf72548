import { z } from 'zod'
import { boundedMemo } from './bounded-memo.js'

/** In the report's order, which is also reporting.segment's sort_order. */
export const SEGMENTS = ['pemda', 'kementerian_lembaga', 'mahasiswa', 'lainnya'] as const
export type Segment = (typeof SEGMENTS)[number]
export const SegmentSchema = z.enum(SEGMENTS)

/** How the report names each segment. */
export const SEGMENT_LABELS: Record<Segment, string> = {
  pemda: 'Pemda',
  kementerian_lembaga: 'Kementerian/Lembaga',
  mahasiswa: 'Mahasiswa',
  lainnya: 'Lainnya',
}

/**
 * Raw export values → segment, matched after lower-casing and folding spaces. Data, not code:
 * extend it here (or with SEGMENT_MAP_FILE) when an export brings a new label.
 */
export const DEFAULT_SEGMENT_MAP: Readonly<Record<string, Segment>> = {
  pemda: 'pemda',
  'pemerintah daerah': 'pemda',
  'pemerintah provinsi': 'pemda',
  'pemerintah kabupaten': 'pemda',
  'pemerintah kota': 'pemda',
  'perangkat daerah': 'pemda',
  'perangkat desa': 'pemda',
  'aparatur desa': 'pemda',
  desa: 'pemda',
  bpkad: 'pemda',
  bkad: 'pemda',
  bappeda: 'pemda',
  dprd: 'pemda',
  'anggota dprd': 'pemda',
  'k/l': 'kementerian_lembaga',
  kl: 'kementerian_lembaga',
  'kementerian/lembaga': 'kementerian_lembaga',
  'kementerian lembaga': 'kementerian_lembaga',
  kementerian: 'kementerian_lembaga',
  lembaga: 'kementerian_lembaga',
  'instansi pusat': 'kementerian_lembaga',
  satker: 'kementerian_lembaga',
  mahasiswa: 'mahasiswa',
  akademisi: 'mahasiswa',
  peneliti: 'mahasiswa',
  universitas: 'mahasiswa',
  dosen: 'mahasiswa',
  pelajar: 'mahasiswa',
  masyarakat: 'lainnya',
  umum: 'lainnya',
  swasta: 'lainnya',
  media: 'lainnya',
  lainnya: 'lainnya',
}

export type SegmentMap = Readonly<Record<string, Segment>>

function normalizeLabel(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, ' ')
}

/** Maps a raw label to a segment; null when the export says nothing (empty value). */
export function segmentOf(
  raw: string | null | undefined,
  map: SegmentMap = DEFAULT_SEGMENT_MAP,
): Segment | null {
  if (raw == null) return null
  let segmentOfLabel = labelMappers.get(map)
  if (!segmentOfLabel) {
    // An export repeats a handful of labels on every record.
    segmentOfLabel = boundedMemo(MAX_KNOWN_LABELS, (label) => mapLabel(label, map))
    labelMappers.set(map, segmentOfLabel)
  }
  return segmentOfLabel(raw)
}

const labelMappers = new WeakMap<SegmentMap, (raw: string) => Segment | null>()
const MAX_KNOWN_LABELS = 1000

function mapLabel(raw: string, map: SegmentMap): Segment | null {
  if (raw.trim() === '') return null
  const label = normalizeLabel(raw)
  // Own keys only: a label such as `constructor` must not find Object.prototype's member.
  return (Object.hasOwn(map, label) && map[label]) || 'lainnya'
}

/** Builds a map from user entries (label → segment) layered over the defaults. */
export function extendSegmentMap(entries: Record<string, Segment>): SegmentMap {
  const extra = Object.fromEntries(
    Object.entries(entries).map(([label, segment]) => [normalizeLabel(label), segment]),
  )
  return Object.freeze({ ...DEFAULT_SEGMENT_MAP, ...extra })
}

const REGIONAL_GOV_DOMAIN = /(kab|kota|prov)\.go\.id$|pemda|bpkad|dprd/

/** The segment an email sender's domain implies (formats/README.md, Segments). */
export function segmentOfEmailDomain(domain: string): Segment {
  const d = domain.trim().toLowerCase()
  if (d.endsWith('.go.id')) return REGIONAL_GOV_DOMAIN.test(d) ? 'pemda' : 'kementerian_lembaga'
  if (d.endsWith('.ac.id')) return 'mahasiswa'
  return 'lainnya'
}
