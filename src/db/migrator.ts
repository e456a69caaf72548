import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely'
import pg from 'pg'
import type { Db } from './connect.js'
import { syncLookups } from './sync-lookups.js'

const MIGRATIONS_DIR = fileURLToPath(new URL('../../db/migrations', import.meta.url))

export function createMigrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider: migrationsFolder,
  })
}

/**
 * Loads db/migrations/*.ts (or .js once built) with this module's own import(), so the same
 * code works under tsx, vitest and compiled output. Kysely's FileMigrationProvider imports from
 * inside node_modules, where vitest does not transform: on Node 20 a .ts migration then fails
 * with ERR_UNKNOWN_FILE_EXTENSION.
 */
const migrationsFolder: MigrationProvider = {
  async getMigrations() {
    const files = (await fs.readdir(MIGRATIONS_DIR)).filter(
      (f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'),
    )
    const migrations: Record<string, Migration> = {}
    for (const file of files.sort()) {
      migrations[file.replace(/\.(ts|js)$/, '')] = (await import(
        pathToFileURL(path.join(MIGRATIONS_DIR, file)).href
      )) as Migration
    }
    return migrations
  },
}

/**
 * Migrates to the latest version, each migration in its own transaction, then brings the
 * reporting lookups in step with the domain (sync-lookups.ts).
 */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const result = await createMigrator(db).migrateToLatest()
  if (!result.error) await syncLookups(db)
  return result
}

/**
 * Creates the database named in the URL when it does not exist yet, so a fresh machine needs
 * no manual `createdb`. Returns true when it was created.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url)
  const name = decodeURIComponent(target.pathname.slice(1))
  if (!name) return false
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name])
    if (found.rowCount) return false
    await client.query(`create database ${pg.Client.prototype.escapeIdentifier(name)}`)
    return true
  } catch (error) {
    // Another process created it between our check and our create.
    if ((error as { code?: string }).code === '42P04') return false
    throw error
  } finally {
    await client.end()
  }
}
