import { sql } from 'kysely'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { listPendingMonths, monthsToRecompute, recomputeMonths } from '../../src/db/rollups.js'
import { parseTopicMap } from '../../src/load-topic-map.js'
import { useTestDatabase } from '../support/database.js'
import {
  clearAll,
  insertDocuments,
  insertFacts,
  insertImport,
  readRollups,
  type Fact,
} from './rollups-facts.js'

describe('recomputeMonths', () => {
  const t = useTestDatabase()
  let importId: number
  beforeAll(async () => {
    importId = await insertImport(t.db)
  })
  beforeEach(() => clearAll(t.db))

  it('counts consultations, abandoned and spam per WIB month and channel, with first-response times', async () => {
    await insertFacts(t.db, importId, [
      { id: 'a', openedAt: '2021-12-01T02:00:00Z', firstResponseAt: '2021-12-01T02:01:00Z' },
      {
        id: 'b',
        openedAt: '2021-12-02T02:00:00Z',
        firstResponseAt: '2021-12-02T02:03:00Z',
        status: 'open',
      },
      {
        id: 'c',
        openedAt: '2021-12-03T02:00:00Z',
        firstResponseAt: '2021-12-03T02:11:00Z',
        status: 'pending',
      },
      // Not consultations: their response times do not count either.
      {
        id: 'd',
        openedAt: '2021-12-04T02:00:00Z',
        firstResponseAt: '2021-12-04T09:00:00Z',
        status: 'abandoned',
      },
      { id: 'e', openedAt: '2021-12-05T02:00:00Z', status: 'spam' },
      // A response before opening is an artefact, left out of the times but counted.
      { id: 'f', openedAt: '2021-12-06T02:00:00Z', firstResponseAt: '2021-12-06T01:00:00Z' },
      { id: 'g', channel: 'phone', openedAt: '2021-12-06T03:00:00Z' },
      // Not opened yet (an email reply seen before its message): no month at all.
      { id: 'h', channel: 'email', openedAt: null, firstResponseAt: '2021-12-06T03:00:00Z' },
    ])
    await recomputeMonths(t.db, ['2021-12'])
    const { channelMonth } = await readRollups(t.db)
    expect(channelMonth).toEqual([
      {
        month: '2021-12-01',
        channel: 'phone',
        tickets: 1,
        consultations: 1,
        abandoned: 0,
        spam: 0,
        responded: 0,
        first_response_median_seconds: null,
        first_response_mean_seconds: null,
      },
      {
        month: '2021-12-01',
        channel: 'whatsapp',
        tickets: 6,
        consultations: 4,
        abandoned: 1,
        spam: 1,
        responded: 3,
        first_response_median_seconds: 180,
        first_response_mean_seconds: 300,
      },
    ])
  })

  it('puts 2021-11-30T16:59:59Z in November and 2021-11-30T17:00:00Z in December (WIB)', async () => {
    await insertFacts(t.db, importId, [
      { id: 'nov', openedAt: '2021-11-30T16:59:59Z' },
      { id: 'dec', openedAt: '2021-11-30T17:00:00Z' },
      { id: 'dec-end', openedAt: '2021-12-31T16:59:59.999Z' },
      { id: 'jan', openedAt: '2021-12-31T17:00:00Z' },
    ])
    await insertDocuments(t.db, importId, ['2021-11-30T16:59:59Z', '2021-11-30T17:00:00Z'])
    await recomputeMonths(t.db, ['2021-11', '2021-12', '2022-01'])
    const { channelMonth, documentMonth } = await readRollups(t.db)
    expect(channelMonth.map((r) => [r.month, r.consultations])).toEqual([
      ['2021-11-01', 1],
      ['2021-12-01', 2],
      ['2022-01-01', 1],
    ])
    expect(documentMonth).toEqual([
      { month: '2021-11-01', documents: 1 },
      { month: '2021-12-01', documents: 1 },
    ])
  })

  it('counts segments of consultations, a missing segment as lainnya', async () => {
    await insertFacts(t.db, importId, [
      { id: 'a', openedAt: '2021-12-01T02:00:00Z', segment: 'pemda' },
      { id: 'b', openedAt: '2021-12-01T03:00:00Z', segment: 'pemda', channel: 'phone' },
      { id: 'c', openedAt: '2021-12-01T04:00:00Z', segment: null },
      { id: 'd', openedAt: '2021-12-01T05:00:00Z', segment: 'lainnya' },
      { id: 'e', openedAt: '2021-12-01T06:00:00Z', segment: 'mahasiswa', status: 'spam' },
    ])
    await recomputeMonths(t.db, ['2021-12'])
    expect((await readRollups(t.db)).segmentMonth).toEqual([
      { month: '2021-12-01', segment: 'lainnya', consultations: 2 },
      { month: '2021-12-01', segment: 'pemda', consultations: 2 },
    ])
  })

  it('ranks the ten most asked topics per channel by code, ties by code, consultations only', async () => {
    const facts: Fact[] = []
    const add = (topic: string | null, count: number, extra: Partial<Fact> = {}) => {
      for (let i = 0; i < count; i += 1) {
        facts.push({
          id: `${topic}-${extra.status ?? ''}-${extra.channel ?? ''}-${i}`,
          openedAt: '2021-12-10T02:00:00Z',
          topic,
          ...extra,
        })
      }
    }
    add('DAU', 5)
    add('DAK Fisik', 3)
    add('Dana Desa', 3)
    add('BOS', 1, { status: 'spam' })
    add(null, 9)
    // Eleven topics of a map, one consultation each: the last four do not make the ten.
    const map = Array.from({ length: 11 }, (_, i) => `t${String(i + 1).padStart(2, '0')}`)
    for (const code of map) add(`Topik ${code}`, 1)
    add('Dana Alokasi Umum', 2, { channel: 'phone' })
    await insertFacts(t.db, importId, facts)
    const taxonomy = parseTopicMap(
      map.map((code) => `${code}: { label: Topik ${code} }`).join('\n'),
      'topics.yaml',
    )
    await recomputeMonths(t.db, ['2021-12'], taxonomy)
    const ranks = (await readRollups(t.db)).topicMonth.map((r) => [
      r.channel,
      r.rank,
      r.topic,
      r.label,
      r.consultations,
    ])
    expect(ranks).toEqual([
      ['phone', 1, 'dau', 'Dana Alokasi Umum', 2],
      ['whatsapp', 1, 'dau', 'Dana Alokasi Umum', 5],
      ['whatsapp', 2, 'dak_fisik', 'Dana Alokasi Khusus Fisik', 3],
      ['whatsapp', 3, 'dana_desa', 'Dana Desa', 3],
      ...map.slice(0, 7).map((code, i) => ['whatsapp', 4 + i, code, `Topik ${code}`, 1]),
    ])
  })

  it('gives the same rows when run again, and replaces a month whose facts are gone', async () => {
    await insertFacts(t.db, importId, [
      { id: 'a', openedAt: '2021-10-01T02:00:00Z', topic: 'DAU', segment: 'pemda' },
      { id: 'b', openedAt: '2021-11-01T02:00:00Z', firstResponseAt: '2021-11-01T02:00:30Z' },
    ])
    await insertDocuments(t.db, importId, ['2021-10-05T02:00:00Z'])
    await recomputeMonths(t.db, ['2021-10', '2021-11'])
    const first = await readRollups(t.db)
    await recomputeMonths(t.db, ['2021-11', '2021-10', '2021-10'])
    expect(await readRollups(t.db)).toEqual(first)

    await sql`truncate ticket, document`.execute(t.db)
    await recomputeMonths(t.db, ['2021-10'])
    const after = await readRollups(t.db)
    expect(after.channelMonth.map((r) => r.month)).toEqual(['2021-11-01'])
    expect(after.segmentMonth).toEqual([
      { month: '2021-11-01', segment: 'lainnya', consultations: 1 },
    ])
    expect([after.topicMonth, after.documentMonth]).toEqual([[], []])
  })

  it('clears the pending marks it has covered and keeps a newer mark', async () => {
    await sql`
      insert into rollup_pending (month, marked_at) values
        ('2021-10-01', now() - interval '1 minute'),
        ('2021-11-01', now() + interval '1 hour'),
        ('2021-12-01', now() - interval '1 minute')
    `.execute(t.db)
    await recomputeMonths(t.db, ['2021-10', '2021-11'])
    expect(await listPendingMonths(t.db)).toEqual(['2021-11', '2021-12'])
  })

  it('serializes concurrent rewrites of the same months', async () => {
    await insertFacts(t.db, importId, [{ id: 'a', openedAt: '2021-12-01T02:00:00Z' }])
    await Promise.all([1, 2, 3, 4].map(() => recomputeMonths(t.db, ['2021-11', '2021-12'])))
    expect((await readRollups(t.db)).channelMonth).toHaveLength(1)
  })

  it('refuses a malformed month', async () => {
    await expect(recomputeMonths(t.db, ['2021-13'])).rejects.toThrow('not a month: 2021-13')
  })
})

describe('monthsToRecompute', () => {
  const t = useTestDatabase()
  beforeAll(async () => {
    const importId = await insertImport(t.db)
    await insertFacts(t.db, importId, [
      { id: 'a', openedAt: '2020-12-31T17:30:00Z' },
      { id: 'b', openedAt: '2021-03-10T02:00:00Z' },
      { id: 'c', openedAt: null },
    ])
    await insertDocuments(t.db, importId, ['2021-05-01T00:00:00Z'])
    await sql`insert into reporting.document_month (month, documents) values ('2019-07-01', 3)`.execute(
      t.db,
    )
  })

  it('takes the months given, sorted and once each', async () => {
    const months = await monthsToRecompute(
      t.db,
      { months: ['2021-12', '2021-11', '2021-12'] },
      new Date(),
    )
    expect(months).toEqual(['2021-11', '2021-12'])
  })

  it('takes the current and previous WIB month for recent', async () => {
    expect(
      await monthsToRecompute(t.db, { recent: true }, new Date('2021-11-30T16:59:59Z')),
    ).toEqual(['2021-10', '2021-11'])
    expect(
      await monthsToRecompute(t.db, { recent: true }, new Date('2021-11-30T17:00:00Z')),
    ).toEqual(['2021-11', '2021-12'])
    expect(
      await monthsToRecompute(t.db, { recent: true }, new Date('2021-01-15T00:00:00Z')),
    ).toEqual(['2020-12', '2021-01'])
  })

  it('takes every month with facts, and months the rollups still hold, for all', async () => {
    expect(await monthsToRecompute(t.db, { all: true }, new Date())).toEqual([
      '2019-07',
      '2021-01',
      '2021-03',
      '2021-05',
    ])
  })
})
