import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { migrateToLatest } from '../../src/db/migrator.js'
import { CHANNEL_LABELS, CHANNELS } from '../../src/domain/channel.js'
import { SEGMENT_LABELS, SEGMENTS } from '../../src/domain/segment.js'
import { useTestDatabase } from '../support/database.js'

describe('dering migrate keeps the reporting lookups in step with the domain', () => {
  const t = useTestDatabase()

  const lookups = async () => ({
    channels: await t.db
      .selectFrom('reporting.channel')
      .select(['channel', 'label', 'sort_order'])
      .orderBy('sort_order')
      .execute(),
    segments: await t.db
      .selectFrom('reporting.segment')
      .select(['segment', 'label', 'sort_order'])
      .orderBy('sort_order')
      .execute(),
  })
  const declared = {
    channels: CHANNELS.map((channel, i) => ({
      channel,
      label: CHANNEL_LABELS[channel],
      sort_order: i + 1,
    })),
    segments: SEGMENTS.map((segment, i) => ({
      segment,
      label: SEGMENT_LABELS[segment],
      sort_order: i + 1,
    })),
  }
  const xmins = async () =>
    (
      await sql<{ xmin: string }>`
        select xmin::text from reporting.channel union all select xmin::text from reporting.segment
      `.execute(t.db)
    ).rows.map((row) => row.xmin)

  it('holds every channel and segment with its label and sort order, and re-running writes nothing', async () => {
    expect(await lookups()).toEqual(declared)
    const before = await xmins()
    expect((await migrateToLatest(t.db)).error).toBeUndefined()
    expect(await xmins()).toEqual(before)
    expect(await lookups()).toEqual(declared)
  })

  it('restores a missing row, a changed label, a swapped order and drops an unknown code', async () => {
    await sql`delete from reporting.channel where channel = 'livechat'`.execute(t.db)
    await sql`update reporting.channel set label = 'WA' where channel = 'whatsapp'`.execute(t.db)
    await sql`update reporting.segment set sort_order = -sort_order`.execute(t.db)
    await sql`update reporting.segment set sort_order = 2 where segment = 'pemda'`.execute(t.db)
    await sql`update reporting.segment set sort_order = 1 where segment = 'kementerian_lembaga'`.execute(
      t.db,
    )
    await sql`insert into reporting.channel values ('fax', 'Faks', 99)`.execute(t.db)
    expect(await lookups()).not.toEqual(declared)

    expect((await migrateToLatest(t.db)).error).toBeUndefined()
    expect(await lookups()).toEqual(declared)
  })
})
