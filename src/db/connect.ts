import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { postgresValue } from './postgres-text.js'
import type { Database } from './schema.js'

// pg returns int8 and numeric as strings to avoid precision loss; our counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value))
// `date` columns are calendar days (WIB months): keep them as 'YYYY-MM-DD' text, never shifted.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)

export type Db = Kysely<Database>

const pools = new WeakMap<Db, pg.Pool>()

export function createDb(url: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 })
  // A connection whose server went away (a restart, a failover) emits 'error'; unheard, the event
  // would kill the process. The pool drops such a client (idle, or once released), and a query
  // on a checked-out one fails, so the job's transaction fails and is retried.
  pool.on('error', () => undefined)
  pool.on('connect', (client) => {
    client.on('error', () => undefined)
    cleanQueryValues(client)
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  pools.set(db, pool)
  return db
}

/**
 * Every value a query binds passes through postgresValue, whoever builds the query (Kysely, raw
 * SQL, a transaction's client): a NUL in a reject reason or a file name never fails a batch.
 * COPY sends no bound values; copyRows cleans its fields itself.
 */
function cleanQueryValues(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    if (Array.isArray(values)) return query(config, values.map(postgresValue), callback)
    if (hasValues(config)) {
      return query({ ...config, values: config.values.map(postgresValue) }, values, callback)
    }
    return query(config, values, callback)
  }) as typeof client.query
}

function hasValues(config: unknown): config is { values: unknown[] } {
  return (
    typeof config === 'object' &&
    config !== null &&
    Array.isArray((config as { values?: unknown }).values) &&
    typeof (config as { submit?: unknown }).submit !== 'function'
  )
}

/** One transaction on one pooled connection, for Kysely queries and the raw client's COPY alike. */
export interface ClientTransaction {
  db: Db
  client: pg.PoolClient
}

export interface TransactionOptions {
  /**
   * `off`: the commit does not wait for its WAL flush. Only for work whose loss in a crash is
   * redone anyway (a batch together with its checkpoint).
   */
  synchronousCommit?: 'off'
}

/**
 * Runs `work` in a transaction on one connection of `db`'s pool, committed when it resolves and
 * rolled back when it throws. A connection that failed mid-transaction is discarded, not reused.
 */
export async function transactionWithClient<T>(
  db: Db,
  work: (trx: ClientTransaction) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const pool = pools.get(db)
  if (!pool) throw new TypeError('not a database made by createDb')
  const client = await pool.connect()
  const bound = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: {
        connect: () => Promise.resolve({ query: client.query.bind(client), release() {} }),
        end: () => Promise.resolve(),
      },
    }),
  })
  let broken: Error | undefined
  try {
    await client.query('begin')
    if (options.synchronousCommit === 'off') {
      await client.query('set local synchronous_commit = off')
    }
    const result = await work({ db: bound, client })
    await client.query('commit')
    return result
  } catch (error) {
    await client.query('rollback').catch((rollbackError: Error) => (broken = rollbackError))
    throw error
  } finally {
    client.release(broken)
  }
}

/** A cheap round trip: resolves once Postgres answers. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db)
}
