import { sql } from 'kysely'
import type { RecordOutcomes } from '../domain/import-counts.js'
import type { Db } from './connect.js'

export interface PipelineStats {
  imports: { channel: string; status: string; count: number }[]
  records: (RecordOutcomes & { channel: string })[]
  rejects: { channel: string; count: number }[]
  tickets: { channel: string; count: number }[]
  lastIngest: Date | null
}

/** What /metrics reports from Postgres: small aggregate queries, cheap enough for every scrape. */
export async function readPipelineStats(db: Db): Promise<PipelineStats> {
  const [imports, records, rejects, tickets, lastIngest] = await Promise.all([
    sql<{ channel: string; status: string; count: number }>`
      select channel, status, count(*)::int as count from import group by 1, 2 order by 1, 2`.execute(
      db,
    ),
    sql<PipelineStats['records'][number]>`
      select channel, sum(records_read)::bigint as read, sum(inserted)::bigint as inserted,
        sum(updated)::bigint as updated, sum(unchanged)::bigint as unchanged,
        sum(skipped)::bigint as skipped, sum(rejected)::bigint as rejected
      from import group by 1 order by 1`.execute(db),
    sql<{ channel: string; count: number }>`
      select i.channel, count(*)::bigint as count from reject r join import i on i.id = r.import_id
      group by 1 order by 1`.execute(db),
    sql<{ channel: string; count: number }>`
      select channel, count(*)::bigint as count from ticket group by 1 order by 1`.execute(db),
    readLastIngest(db),
  ])
  return {
    imports: imports.rows,
    records: records.rows,
    rejects: rejects.rows,
    tickets: tickets.rows,
    lastIngest,
  }
}

export async function readLastIngest(db: Db): Promise<Date | null> {
  const { rows } = await sql<{ at: Date | null }>`
    select max(finished_at) as at from import where status = 'succeeded'`.execute(db)
  return rows[0]?.at ?? null
}
