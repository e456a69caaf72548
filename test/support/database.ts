import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, inject } from 'vitest'
import { createDb, type Db } from '../../src/db/connect.js'
import { adminUrl, withDatabaseName } from './database-url.js'

export interface TestDatabase {
  url: string
  db: Db
}

/**
 * Gives the calling test file a database of its own, cloned from the migrated template and
 * dropped afterwards, so files run in parallel. Read `url`/`db` inside tests or hooks.
 */
export function useTestDatabase(): TestDatabase {
  const name = `dering_test_${randomBytes(5).toString('hex')}`
  const handle = {} as TestDatabase
  beforeAll(async () => {
    const admin = createDb(adminUrl(inject('databaseUrl')), { max: 1 })
    try {
      await cloneTemplate(admin, name)
    } finally {
      await admin.destroy()
    }
    handle.url = withDatabaseName(inject('databaseUrl'), name)
    handle.db = createDb(handle.url, { max: 4 })
  })
  afterAll(async () => {
    await handle.db?.destroy()
    const admin = createDb(adminUrl(inject('databaseUrl')), { max: 1 })
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin)
    await admin.destroy()
  })
  return handle
}

/** Postgres refuses to clone a template another clone is reading at that moment: retry. */
async function cloneTemplate(admin: Db, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await sql`create database ${sql.id(name)} template ${sql.id(inject('templateDatabase'))}`.execute(
        admin,
      )
      return
    } catch (error) {
      if (attempt >= 20 || !String(error).includes('being accessed by other users')) throw error
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
    }
  }
}
