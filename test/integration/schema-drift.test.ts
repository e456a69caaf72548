import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { TICKET_COLUMNS } from '../../src/db/ticket-columns.js'
import { useTestDatabase } from '../support/database.js'
import { declaredTables, type DeclaredColumn } from '../support/schema-interfaces.js'

/** What the migrator keeps for itself, outside the schema the code reads. */
const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock']

interface MigratedColumn extends DeclaredColumn {
  table: string
  view: boolean
}

/**
 * The Kysely table interfaces (src/db/schema.ts) against the database the migrations make, read
 * from information_schema: a column added or dropped on either side, or a nullability that
 * differs, fails here rather than as a query that type-checks and breaks.
 */
describe('src/db/schema.ts matches the migrated database', () => {
  const t = useTestDatabase()
  let declared: Map<string, DeclaredColumn[]>
  let migrated: MigratedColumn[]

  beforeAll(async () => {
    declared = declaredTables()
    const { rows } = await sql<MigratedColumn>`
      select case when c.table_schema = 'public' then c.table_name
               else c.table_schema || '.' || c.table_name end as table,
             c.column_name as name, c.is_nullable = 'YES' as nullable,
             t.table_type = 'VIEW' as view
      from information_schema.columns c
      join information_schema.tables t using (table_schema, table_name)
      where c.table_schema in ('public', 'reporting')
        and c.table_name not in (${sql.join(MIGRATOR_TABLES)})
      order by 1, c.ordinal_position
    `.execute(t.db)
    migrated = rows
  }, 60_000)

  const namesOf = (columns: readonly { name: string }[]) => columns.map((c) => c.name).sort()
  const migratedTable = (table: string) => migrated.filter((c) => c.table === table)

  it('declares every table and view, and no other', () => {
    expect([...declared.keys()].sort()).toEqual([...new Set(migrated.map((c) => c.table))].sort())
  })

  it('declares each table’s columns, no more and no fewer', () => {
    for (const [table, columns] of declared) {
      expect({ table, columns: namesOf(columns) }).toEqual({
        table,
        columns: namesOf(migratedTable(table)),
      })
    }
  })

  it('declares a column nullable exactly when the table allows null (views say nothing)', () => {
    for (const [table, columns] of declared) {
      const actual = migratedTable(table)
      if (actual.some((c) => c.view)) continue
      const nullable = (list: readonly DeclaredColumn[]) =>
        list
          .filter((c) => c.nullable)
          .map((c) => `${table}.${c.name}`)
          .sort()
      expect(nullable(columns)).toEqual(nullable(actual))
    }
  })

  it('writes every ticket column through the column spec but the import’s own', () => {
    const bookkeeping = ['import_id', 'adapter_version', 'updated_at']
    expect([...TICKET_COLUMNS.map((c) => c.name), ...bookkeeping].sort()).toEqual(
      namesOf(migratedTable('ticket')),
    )
  })
})
