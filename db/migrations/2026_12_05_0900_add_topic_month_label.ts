import { sql, type Kysely } from 'kysely'

/**
 * reporting.topic_month keeps the taxonomy's topic code in `topic` and its label beside it. The
 * rows rolled up before hold raw topics: they keep them as their label until `dering rollup
 * --all` rewrites them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table reporting.topic_month add column label text`.execute(db)
  await sql`update reporting.topic_month set label = topic`.execute(db)
  await sql`alter table reporting.topic_month alter column label set not null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table reporting.topic_month drop column label`.execute(db)
}
