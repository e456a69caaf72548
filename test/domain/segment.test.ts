import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SEGMENT_MAP,
  extendSegmentMap,
  segmentOf,
  segmentOfEmailDomain,
} from '../../src/domain/segment.js'

describe('segmentOf', () => {
  it.each([
    ['Pemda', 'pemda'],
    ['Pemerintah Daerah', 'pemda'],
    ['BPKAD', 'pemda'],
    ['DPRD', 'pemda'],
    ['K/L', 'kementerian_lembaga'],
    ['Kementerian/Lembaga', 'kementerian_lembaga'],
    ['Instansi Pusat', 'kementerian_lembaga'],
    ['Mahasiswa', 'mahasiswa'],
    ['Akademisi', 'mahasiswa'],
    ['Peneliti', 'mahasiswa'],
    ['Masyarakat', 'lainnya'],
    ['Wartawan', 'lainnya'],
    ['Perbankan', 'lainnya'],
  ])('%j → %s', (raw, segment) => {
    expect(segmentOf(raw)).toBe(segment)
  })

  it('matches case-insensitively, trimmed, with runs of spaces folded', () => {
    expect(segmentOf('  PEMERINTAH   daerah ')).toBe('pemda')
    expect(segmentOf('k/l')).toBe('kementerian_lembaga')
    expect(segmentOf('Instansi\tPusat')).toBe('kementerian_lembaga')
  })

  it('gives null when the export says nothing', () => {
    expect(segmentOf('')).toBeNull()
    expect(segmentOf('   ')).toBeNull()
    expect(segmentOf(null)).toBeNull()
    expect(segmentOf(undefined)).toBeNull()
  })

  it('maps a label named like an Object.prototype member to lainnya', () => {
    expect(segmentOf('constructor')).toBe('lainnya')
    expect(segmentOf('toString')).toBe('lainnya')
    expect(segmentOf('__proto__')).toBe('lainnya')
  })

  it('uses the map it is given', () => {
    expect(segmentOf('Pemda', { pemda: 'lainnya' })).toBe('lainnya')
    expect(segmentOf('BPKAD', { pemda: 'pemda' })).toBe('lainnya')
  })

  it('maps a label again by the map of each call, however often it came before', () => {
    const mahasiswa = extendSegmentMap({ Satker: 'mahasiswa' })
    for (let i = 0; i < 3; i++) {
      expect(segmentOf('Satker')).toBe('kementerian_lembaga')
      expect(segmentOf('Satker', mahasiswa)).toBe('mahasiswa')
    }
    const labels = Array.from({ length: 2500 }, (_, i) => `Label ${i}`)
    expect(labels.map((label) => segmentOf(label))).toEqual(labels.map(() => 'lainnya'))
    expect(segmentOf('Satker')).toBe('kementerian_lembaga')
  })
})

describe('extendSegmentMap', () => {
  it('adds labels and overrides defaults, normalizing the labels, and keeps the other defaults', () => {
    const map = extendSegmentMap({ '  Dinas   PENDIDIKAN ': 'pemda', Media: 'kementerian_lembaga' })
    expect(segmentOf('dinas pendidikan', map)).toBe('pemda')
    expect(segmentOf('MEDIA', map)).toBe('kementerian_lembaga')
    expect(segmentOf('BPKAD', map)).toBe('pemda')
    expect(segmentOf('Unknown', map)).toBe('lainnya')
    expect(Object.isFrozen(map)).toBe(true)
    expect(segmentOf('Media')).toBe('lainnya')
  })

  it('gives the defaults for no entries', () => {
    expect(extendSegmentMap({})).toEqual(DEFAULT_SEGMENT_MAP)
  })
})

describe('segmentOfEmailDomain', () => {
  it.each([
    ['slemankab.go.id', 'pemda'],
    ['bpkad.slemankab.go.id', 'pemda'],
    ['surabayakota.go.id', 'pemda'],
    ['jatengprov.go.id', 'pemda'],
    ['pemdakalbar.go.id', 'pemda'],
    ['bpkad.jakarta.go.id', 'pemda'],
    ['dprd-sumbar.go.id', 'pemda'],
    ['kemenkeu.go.id', 'kementerian_lembaga'],
    ['djpk.kemenkeu.go.id', 'kementerian_lembaga'],
    ['bps.go.id', 'kementerian_lembaga'],
    ['ugm.ac.id', 'mahasiswa'],
    ['mail.ui.ac.id', 'mahasiswa'],
    ['gmail.com', 'lainnya'],
    ['pemda.example.com', 'lainnya'],
    ['bank.co.id', 'lainnya'],
    ['go.id', 'lainnya'],
  ])('%s → %s', (domain, segment) => {
    expect(segmentOfEmailDomain(domain)).toBe(segment)
  })

  it('ignores case and surrounding spaces', () => {
    expect(segmentOfEmailDomain(' SlemanKab.GO.ID ')).toBe('pemda')
    expect(segmentOfEmailDomain('UGM.AC.ID')).toBe('mahasiswa')
  })
})
