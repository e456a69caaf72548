import { sql, type Kysely } from 'kysely'

/**
 * How many groups the rollup's keys make together (src/db/ticket-month-rollups.ts groups the
 * tickets by exactly these columns and expressions). Without it the planner takes the keys as
 * unrelated, expects about one group per ticket, and then neither aggregates in parallel
 * workers nor sizes its hash table right.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create statistics ticket_rollup_keys (ndistinct)
    on (date_trunc('month', (opened_at at time zone 'UTC') + interval '7 hours')),
      channel, status, segment, topic, (first_response_at - opened_at)
    from ticket
  `.execute(db)
  await sql`analyze ticket`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop statistics if exists ticket_rollup_keys`.execute(db)
}
