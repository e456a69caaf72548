import { sql, type Kysely } from 'kysely'

const FIELDS = ['agent', 'topic', 'segment', 'subject', 'customer_key'] as const

/**
 * Per descriptive field, the source activity time (closed, else first response, else opened) of
 * the record its value came from, beside its status rank: between records of the same rank the
 * later activity wins, whatever order they arrive in. Existing values take the ticket's own
 * activity time, the best that is known of them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const columns = FIELDS.map(
    (field) => sql`add column ${sql.ref(`${field}_activity_at`)} timestamptz`,
  )
  await sql`alter table ticket ${sql.join(columns)}`.execute(db)
  const backfill = FIELDS.map(
    (field) =>
      sql`${sql.ref(`${field}_activity_at`)} = case when ${sql.ref(`${field}_rank`)} >= 0
        then coalesce(closed_at, first_response_at, opened_at) end`,
  )
  await sql`update ticket set ${sql.join(backfill)}`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  const columns = FIELDS.map((field) => sql`drop column ${sql.ref(`${field}_activity_at`)}`)
  await sql`alter table ticket ${sql.join(columns)}`.execute(db)
}
