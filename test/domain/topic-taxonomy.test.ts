import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEFAULT_TOPICS, OTHER_TOPIC } from '../../src/domain/topic.js'
import {
  DEFAULT_TOPIC_TAXONOMY as TAXONOMY,
  buildTopicTaxonomy,
  classifyTicketTopic,
  matchTopic,
} from '../../src/domain/topic-taxonomy.js'
import { REGIONS } from '../../src/sample/regions.js'
import { TOPICS as SAMPLE_TOPICS } from '../../src/sample/topics.js'

/** The sample's topic codes (its Deskpro labels) as the taxonomy's codes. */
const SAMPLE_CODES: Record<string, string> = {
  DAU: 'dau',
  'DAK Fisik': 'dak_fisik',
  'DAK Nonfisik': 'dak_nonfisik',
  DBH: 'dbh',
  'Dana Desa': 'dana_desa',
  SIKD: 'sikd',
  TKD: 'tkd',
  'Insentif Fiskal': 'insentif_fiskal',
  'Pinjaman Daerah': 'pinjaman_daerah',
  PDRD: 'pdrd',
  APBD: 'apbd',
}

describe('the topic taxonomy', () => {
  it('knows a label, an alias and a keyword in free text, whatever the case and punctuation', () => {
    expect(matchTopic(TAXONOMY, 'Dana Alokasi Umum')).toBe('dau')
    expect(matchTopic(TAXONOMY, ' dau ')).toBe('dau')
    expect(matchTopic(TAXONOMY, 'Penyaluran kembali DAU yang ditunda')).toBe('dau')
    expect(matchTopic(TAXONOMY, 'DAK Non-Fisik')).toBe('dak_nonfisik')
    expect(matchTopic(TAXONOMY, 'Permohonan data "TKD" untuk skripsi')).toBe('tkd')
    expect(matchTopic(TAXONOMY, 'Upload laporan; gagal')).toBe('sikd')
  })

  it('matches keywords as whole words, the specific topic first', () => {
    // "daun" is not DAU, "bossa" not BOS.
    expect(matchTopic(TAXONOMY, 'Daun dan bossa nova')).toBeNull()
    expect(matchTopic(TAXONOMY, 'Batas kumulatif defisit APBD')).toBe('pinjaman_daerah')
    expect(matchTopic(TAXONOMY, 'Input APBD 2021 di SIKD')).toBe('sikd')
    expect(matchTopic(TAXONOMY, 'Data APBD Kota Bogor 2021')).toBe('apbd')
  })

  it('lets the subject decide when the raw topic says nothing, and names the text no rule knows', () => {
    const classify = (topic: string, subject: string | null) =>
      classifyTicketTopic(TAXONOMY, topic, subject)
    expect(classify('DBH', 'Tanya DAU')).toEqual({ code: 'dbh', unmatched: null })
    // A HAI Kategori Layanan and a Deskpro department name lainnya: the subject decides.
    expect(classify('Permintaan Informasi', 'Kurang bayar DBH')).toEqual({
      code: 'dbh',
      unmatched: null,
    })
    expect(classify('Layanan DJPK', 'Halo')).toEqual({
      code: OTHER_TOPIC,
      unmatched: { field: 'subject', text: 'Halo' },
    })
    expect(classify('Informasi', null)).toEqual({ code: OTHER_TOPIC, unmatched: null })
    // A raw topic no rule knows is lainnya itself; its subject is not read.
    expect(classify('Undangan rapat', 'Info DBH CHT')).toEqual({
      code: OTHER_TOPIC,
      unmatched: { field: 'topic', text: 'Undangan rapat' },
    })
  })

  it('maps every topic of the sample: labels, long names and each subject in every region', () => {
    for (const topic of SAMPLE_TOPICS) {
      const code = SAMPLE_CODES[topic.code]
      expect(matchTopic(TAXONOMY, topic.code), topic.code).toBe(code)
      expect(matchTopic(TAXONOMY, topic.category), topic.category).toBe(code)
      for (const subject of topic.subjects) {
        for (const region of REGIONS) {
          const text = subject
            .replace('{tahap}', 'III')
            .replace('{tahun}', '2021')
            .replace('{bulan}', 'Desember')
            .replace('{daerah}', region.name)
          expect(matchTopic(TAXONOMY, text), text).toBe(code)
        }
      }
    }
  })

  it('has one label per code and no name claimed twice', () => {
    expect(new Set(DEFAULT_TOPICS.map((t) => t.code)).size).toBe(DEFAULT_TOPICS.length)
    expect(TAXONOMY.labels.get(OTHER_TOPIC)).toBe('Lainnya')
    expect(() =>
      buildTopicTaxonomy([
        ...DEFAULT_TOPICS,
        { code: 'x', label: 'DAU', aliases: [], keywords: [] },
      ]),
    ).toThrow('"DAU" is already a name of dau')
  })

  it('is the table docs/reporting.md shows', () => {
    const doc = readFileSync(new URL('../../docs/reporting.md', import.meta.url), 'utf8')
    for (const topic of DEFAULT_TOPICS) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${topic.code}\` `)) ?? ''
      const cells = row.split('|').map((cell) => cell.trim())
      expect(cells[2], topic.code).toBe(topic.label)
      for (const name of [...topic.aliases, ...topic.keywords]) {
        expect(row, topic.code).toContain(name)
      }
    }
  })
})
