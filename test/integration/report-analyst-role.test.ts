import { sql, type Transaction } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { recomputeMonths } from '../../src/db/rollups.js'
import type { Database } from '../../src/db/schema.js'
import { useTestDatabase } from '../support/database.js'
import { insertDocuments, insertFacts, insertImport } from './rollups-facts.js'

const PUBLIC_TABLES = [
  'ticket',
  'ticket_source',
  'ticket_source_batch',
  'reject',
  'import',
  'document',
  'rollup_pending',
]
const REPORTING_RELATIONS = [
  'channel',
  'segment',
  'channel_month',
  'segment_month',
  'topic_month',
  'document_month',
  'calendar_month',
  'channel_month_change',
  'month_total',
  'year_total',
  'year_whatsapp_vs_other',
  'segment_month_share',
]

/** The rollback is the point: each probe runs as the analyst in a transaction that never commits. */
class Rollback extends Error {}

describe('the dering_analyst role', () => {
  const t = useTestDatabase()
  beforeAll(async () => {
    const importId = await insertImport(t.db)
    await insertFacts(t.db, importId, [{ id: 'a', openedAt: '2021-12-01T02:00:00Z', topic: 'DAU' }])
    await insertDocuments(t.db, importId, ['2021-12-02T02:00:00Z'])
    await recomputeMonths(t.db, ['2021-12'])
  })

  async function asAnalyst<T>(
    body: (trx: Transaction<Database>) => Promise<T>,
    setup?: (trx: Transaction<Database>) => Promise<unknown>,
  ): Promise<T> {
    let result: T | undefined
    await t.db
      .transaction()
      .execute(async (trx) => {
        await setup?.(trx)
        await sql`set local role dering_analyst`.execute(trx)
        result = await body(trx)
        throw new Rollback()
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error
      })
    return result as T
  }

  it.each(PUBLIC_TABLES)('is refused on %s', async (table) => {
    await expect(
      asAnalyst((trx) => sql`select * from ${sql.table(table)} limit 1`.execute(trx)),
    ).rejects.toThrow(new RegExp(`permission denied for (table|view) ${table}$`))
  })

  it.each(REPORTING_RELATIONS)('reads reporting.%s', async (relation) => {
    const { rows } = await asAnalyst((trx) =>
      sql`select * from ${sql.table(`reporting.${relation}`)}`.execute(trx),
    )
    expect(rows.length).toBeGreaterThan(0)
  })

  it('cannot change the rollups', async () => {
    await expect(
      asAnalyst((trx) => sql`delete from reporting.channel_month`.execute(trx)),
    ).rejects.toThrow('permission denied for table channel_month')
  })

  it('cannot create tables in public', async () => {
    await expect(
      asAnalyst((trx) => sql`create table public.analyst_scratch (x int)`.execute(trx)),
    ).rejects.toThrow('permission denied for schema public')
  })

  it('reads tables added to reporting later, and not those added to public', async () => {
    const setup = async (trx: Transaction<Database>) => {
      await sql`create table reporting.later_rollup (x int)`.execute(trx)
      await sql`create table public.later_fact (x int)`.execute(trx)
    }
    const { rows } = await asAnalyst(
      (trx) => sql`select * from reporting.later_rollup`.execute(trx),
      setup,
    )
    expect(rows).toEqual([])
    await expect(
      asAnalyst((trx) => sql`select * from public.later_fact`.execute(trx), setup),
    ).rejects.toThrow('permission denied for table later_fact')
  })

  it('gives PUBLIC no privilege on the facts, and the role no login', async () => {
    const { rows } = await sql<{ table: string; public: boolean; analyst: boolean }>`
      select t as table,
        has_table_privilege('public', t, 'select, insert, update, delete') as public,
        has_table_privilege('dering_analyst', t, 'select, insert, update, delete') as analyst
      from unnest(${PUBLIC_TABLES}::text[]) as t
    `.execute(t.db)
    expect(rows).toEqual(PUBLIC_TABLES.map((table) => ({ table, public: false, analyst: false })))
    const role = await sql<{
      rolcanlogin: boolean
    }>`select rolcanlogin from pg_roles where rolname = 'dering_analyst'`.execute(t.db)
    expect(role.rows).toEqual([{ rolcanlogin: false }])
  })
})
