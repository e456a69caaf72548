import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.js'

// pg returns int8 and numeric as strings to avoid precision loss; our counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value))
// `date` columns are calendar days (WIB months): keep them as 'YYYY-MM-DD' text, never shifted.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)

export type Db = Kysely<Database>

export function createDb(url: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 })
  // A connection whose server went away (a restart, a failover) emits 'error'; unheard, the event
  // would kill the process. The pool drops such a client (idle, or once released), and a query
  // on a checked-out one fails, so the job's transaction fails and is retried.
  pool.on('error', () => undefined)
  pool.on('connect', (client) => client.on('error', () => undefined))
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}
