import { sql, type Kysely } from 'kysely'

/** A failed import replaced by a later succeeded import of the same file name (a corrected export). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table import add column superseded_by integer references import (id) on delete set null`.execute(
    db,
  )
  await sql`create index import_path_failed on import (path) where status = 'failed'`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index import_path_failed`.execute(db)
  await sql`alter table import drop column superseded_by`.execute(db)
}
