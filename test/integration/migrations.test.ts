import { randomBytes } from 'node:crypto'
import { NO_MIGRATIONS, sql } from 'kysely'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { createDb, type Db } from '../../src/db/connect.js'
import { createMigrator, ensureDatabase } from '../../src/db/migrator.js'
import { adminUrl, withDatabaseName } from '../support/database-url.js'

describe('migrations', () => {
  const name = `dering_test_empty_${randomBytes(5).toString('hex')}`
  const url = () => withDatabaseName(inject('databaseUrl'), name)
  let db: Db | undefined

  afterAll(async () => {
    await db?.destroy()
    const admin = createDb(adminUrl(inject('databaseUrl')), { max: 1 })
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin)
    await admin.destroy()
  })

  it('creates the database, migrates from empty, re-runs as a no-op, goes down and up again', async () => {
    expect(await ensureDatabase(url())).toBe(true)
    expect(await ensureDatabase(url())).toBe(false)
    db = createDb(url(), { max: 2 })
    const migrator = createMigrator(db)

    const first = await migrator.migrateToLatest()
    expect(first.error).toBeUndefined()
    const names = (first.results ?? []).map((r) => r.migrationName)
    expect(names.length).toBeGreaterThanOrEqual(3)
    expect(names).toEqual([...names].sort())
    expect(first.results?.every((r) => r.status === 'Success')).toBe(true)

    const again = await migrator.migrateToLatest()
    expect(again).toEqual({ results: [] })

    const down = await migrator.migrateTo(NO_MIGRATIONS)
    expect(down.error).toBeUndefined()
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.tables
      where table_schema = 'public' and table_name in ('ticket', 'import', 'reject', 'document')`.execute(
      db,
    )
    expect(rows[0]?.n).toBe(0)

    const up = await migrator.migrateToLatest()
    expect(up.error).toBeUndefined()
    expect((up.results ?? []).map((r) => r.migrationName)).toEqual(names)
  })
})
