import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { createDb, type Db } from '../src/db/connect.js'
import { migrateToLatest } from '../src/db/migrator.js'
import { coerceError } from '../src/errors.js'

export interface BenchDatabases {
  /** A fresh, migrated database of its own; dropped by `dropAll`. */
  create(label: string): Promise<{ url: string; db: Db }>
  dropAll(): Promise<void>
}

const withName = (url: string, name: string) =>
  Object.assign(new URL(url), { pathname: `/${name}` }).toString()

/** Bench databases cloned from one migrated template on the server of `serverUrl`. */
export async function createBenchDatabases(serverUrl: string): Promise<BenchDatabases> {
  const run = `dering_bench_${randomBytes(4).toString('hex')}`
  const admin = createDb(withName(serverUrl, 'postgres'), { max: 1 })
  const names: string[] = []
  const template = `${run}_template`
  await sql`create database ${sql.id(template)}`.execute(admin)
  names.push(template)
  const templateDb = createDb(withName(serverUrl, template), { max: 1 })
  const { error } = await migrateToLatest(templateDb)
  await templateDb.destroy()
  if (error) throw coerceError(error)
  return {
    async create(label) {
      const name = `${run}_${label}`
      await sql`create database ${sql.id(name)} template ${sql.id(template)}`.execute(admin)
      names.push(name)
      const url = withName(serverUrl, name)
      return { url, db: createDb(url, { max: 4 }) }
    },
    async dropAll() {
      for (const name of names.reverse()) {
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin)
      }
      await admin.destroy()
    },
  }
}
