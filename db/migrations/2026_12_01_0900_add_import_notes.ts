import { sql, type Kysely } from 'kysely'

/** Notes about a file as a whole (the sheet read, an encoding fallen back to, an untrusted count). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table import add column notes text[] not null default '{}'`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table import drop column notes`.execute(db)
}
