import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { recomputeMonths } from '../../src/db/rollups.js'
import { runCli } from '../support/cli.js'
import { useTestDatabase } from '../support/database.js'
import { insertFacts, insertImport, readRollups, type Fact } from './rollups-facts.js'

const DECEMBER = '2021-12-10T02:00:00Z'
let made = 0

/** The same topic as each channel writes it, and text no rule knows. */
const FACTS: Fact[] = [
  // A Sociomile category, a Deskpro label, HAI's Topik Permasalahan, an email subject.
  ...times(3, { channel: 'whatsapp', topic: 'Dana Alokasi Umum' }),
  ...times(2, { channel: 'livechat', topic: 'DAU' }),
  ...times(2, { channel: 'hai_kemenkeu', topic: 'Dana Alokasi Umum' }),
  // HAI without a Topik Permasalahan: its service category, whose subject decides.
  ...times(2, {
    channel: 'hai_kemenkeu',
    topic: 'Permintaan Informasi',
    subject: 'Penundaan DAU bulan Desember',
  }),
  ...times(1, { channel: 'hai_kemenkeu', topic: 'Permintaan Informasi', subject: 'Halo' }),
  // A Deskpro department names no topic either; the chat's subject does.
  ...times(1, { channel: 'livechat', topic: 'Layanan DJPK', subject: 'Info DBH CHT' }),
  ...times(2, {
    channel: 'email',
    topic: 'Penyaluran kembali DAU yang ditunda',
    subject: 'RE: Penyaluran kembali DAU yang ditunda',
  }),
  ...times(3, { channel: 'email', topic: 'Undangan rapat koordinasi' }),
  ...times(1, { channel: 'email', topic: 'Undangan rapat koordinasi', status: 'spam' }),
  // No topic at all (a phone call): no topic row.
  ...times(4, { channel: 'phone', topic: null }),
]

function times(count: number, fact: Omit<Fact, 'id' | 'openedAt'>): Fact[] {
  return Array.from({ length: count }, () => ({
    ...fact,
    id: `${fact.channel}-${(made += 1)}`,
    openedAt: DECEMBER,
  }))
}

describe('one topic list across channels', () => {
  const t = useTestDatabase()
  let dir: string
  const dering = (args: string[], env: Record<string, string> = {}) =>
    runCli(args, {
      DATABASE_URL: t.url,
      REDIS_URL: inject('redisUrl'),
      LOG_LEVEL: 'silent',
      ...env,
    })
  const topicRows = async () =>
    (await readRollups(t.db)).topicMonth.map((r) => [
      r.channel,
      r.rank,
      r.topic,
      r.label,
      r.consultations,
    ])

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dering-topics-'))
    await insertFacts(t.db, await insertImport(t.db), FACTS)
  })

  it('the rollup maps every channel raw topic to the same code and label, unknown text to lainnya', async () => {
    await recomputeMonths(t.db, ['2021-12'])
    expect(await topicRows()).toEqual([
      ['email', 1, 'lainnya', 'Lainnya', 3],
      ['email', 2, 'dau', 'Dana Alokasi Umum', 2],
      ['hai_kemenkeu', 1, 'dau', 'Dana Alokasi Umum', 4],
      ['hai_kemenkeu', 2, 'lainnya', 'Lainnya', 1],
      ['livechat', 1, 'dau', 'Dana Alokasi Umum', 2],
      ['livechat', 2, 'dbh', 'Dana Bagi Hasil', 1],
      ['whatsapp', 1, 'dau', 'Dana Alokasi Umum', 3],
    ])
  })

  it('dering report --unmatched-topics lists the unmatched raw topics with counts', async () => {
    const json = await dering(['report', '--unmatched-topics', '--year', '2021', '--json'])
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual({
      from: '2021-01',
      to: '2021-12',
      unmatched_consultations: 4,
      consultations_with_topic: 16,
      unmatched_topics: [
        { channel: 'email', field: 'topic', text: 'Undangan rapat koordinasi', consultations: 3 },
        { channel: 'hai_kemenkeu', field: 'subject', text: 'Halo', consultations: 1 },
      ],
    })
    const table = await dering(['report', '--unmatched-topics', '--limit', '1'])
    expect(table.code).toBe(0)
    expect(table.stdout).toContain(
      '4 of 16 consultations with a topic count as lainnya because no rule knows their text; the most common:',
    )
    expect(table.stdout).toMatch(/^ +3 +email +topic +Undangan rapat koordinasi$/m)
    expect(table.stdout).not.toContain('Halo')
    const other = await dering(['report', '--unmatched-topics', '--month', '2021-11', '--json'])
    expect(JSON.parse(other.stdout)).toMatchObject({
      unmatched_consultations: 0,
      unmatched_topics: [],
    })
  })

  it('a changed TOPIC_MAP_FILE re-rolls the months with dering rollup --all, no re-ingesting', async () => {
    const map = path.join(dir, 'topics.yaml')
    await writeFile(
      map,
      [
        'rapat:',
        '  label: Undangan dan Rapat',
        '  keywords: [rapat]',
        'lainnya:',
        '  keywords: [halo]',
      ].join('\n'),
    )
    const rollup = await dering(['rollup', '--all', '--json'], { TOPIC_MAP_FILE: map })
    expect(rollup.code).toBe(0)
    expect(await topicRows()).toEqual([
      ['email', 1, 'rapat', 'Undangan dan Rapat', 3],
      ['email', 2, 'dau', 'Dana Alokasi Umum', 2],
      ['hai_kemenkeu', 1, 'dau', 'Dana Alokasi Umum', 4],
      ['hai_kemenkeu', 2, 'lainnya', 'Lainnya', 1],
      ['livechat', 1, 'dau', 'Dana Alokasi Umum', 2],
      ['livechat', 2, 'dbh', 'Dana Bagi Hasil', 1],
      ['whatsapp', 1, 'dau', 'Dana Alokasi Umum', 3],
    ])
    const report = await dering(['report', '--year', '2021', '--format', 'json'])
    const json = JSON.parse(report.stdout) as {
      top_topics: Record<string, Record<string, { topic: string; code: string }[]>>
    }
    expect(json.top_topics['2021-12']?.email?.map((t) => [t.code, t.topic])).toEqual([
      ['rapat', 'Undangan dan Rapat'],
      ['dau', 'Dana Alokasi Umum'],
    ])
    const unmatched = await dering(['report', '--unmatched-topics', '--json'], {
      TOPIC_MAP_FILE: map,
    })
    expect(JSON.parse(unmatched.stdout)).toMatchObject({
      from: null,
      unmatched_consultations: 0,
      unmatched_topics: [],
    })
  })

  it('a wrong TOPIC_MAP_FILE stops the command naming the file, line and key', async () => {
    const map = path.join(dir, 'wrong.json')
    await writeFile(map, '{\n  "dau": { "aliases": ["DAU"] },\n  "dbh": { "alias": ["x"] }\n}\n')
    const run = await dering(['rollup', '--all'], { TOPIC_MAP_FILE: map })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(
      `TOPIC_MAP_FILE: ${map}: line 3, dbh.alias: Unrecognized key: "alias": fix the file, or unset TOPIC_MAP_FILE`,
    )
    // What does not map topics still runs, so the operator can look around.
    const status = await dering(['rejects', '--json'], { TOPIC_MAP_FILE: map })
    expect([status.code, status.stderr]).toEqual([0, ''])
  })
})
