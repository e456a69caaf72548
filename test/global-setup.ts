import net from 'node:net'
import { sql } from 'kysely'
import type { TestProject } from 'vitest/node'
import { createDb } from '../src/db/connect.js'
import { migrateToLatest } from '../src/db/migrator.js'
import { coerceError } from '../src/errors.js'
import { randomBytes } from 'node:crypto'
import { adminUrl, withDatabaseName } from './support/database-url.js'

const DEFAULT_DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:5432/postgres'
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    redisUrl: string
    templateDatabase: string
  }
}

/**
 * Finds Postgres and Redis: DATABASE_URL/REDIS_URL when set, else the local defaults when they
 * answer, else containers. Then builds the migrated template every test file clones.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: (() => Promise<unknown>)[] = []
  let databaseUrl =
    process.env.DATABASE_URL ?? ((await answers(5432)) ? DEFAULT_DATABASE_URL : null)
  let redisUrl = process.env.REDIS_URL ?? ((await answers(6379)) ? DEFAULT_REDIS_URL : null)
  if (!databaseUrl) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql')
    const container = await new PostgreSqlContainer('postgres:15-alpine').start()
    stops.push(() => container.stop())
    databaseUrl = container.getConnectionUri()
  }
  if (!redisUrl) {
    const { RedisContainer } = await import('@testcontainers/redis')
    const container = await new RedisContainer('redis:7-alpine').start()
    stops.push(() => container.stop())
    redisUrl = container.getConnectionUrl()
  }
  // A template of this run's own: runs side by side (several checkouts) never clone another's.
  const template = `dering_test_template_${randomBytes(4).toString('hex')}`
  await buildTemplate(databaseUrl, template)
  stops.push(() => dropDatabase(databaseUrl, template))
  project.provide('databaseUrl', databaseUrl)
  project.provide('redisUrl', redisUrl)
  project.provide('templateDatabase', template)
  return async () => {
    for (const stop of stops.reverse()) await stop()
  }
}

async function buildTemplate(url: string, name: string): Promise<void> {
  const admin = createDb(adminUrl(url), { max: 1 })
  await sql`create database ${sql.id(name)}`.execute(admin)
  await admin.destroy()
  const template = createDb(withDatabaseName(url, name), { max: 1 })
  const { error } = await migrateToLatest(template)
  await template.destroy()
  if (error) throw coerceError(error)
}

async function dropDatabase(url: string, name: string): Promise<void> {
  const admin = createDb(adminUrl(url), { max: 1 })
  await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin)
  await admin.destroy()
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, timeout: 500 })
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => (socket.destroy(), resolve(false)))
  })
}
