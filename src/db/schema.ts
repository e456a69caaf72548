import type { ColumnType, Generated, Selectable } from 'kysely'
import type { ReportingDatabase } from './reporting-schema.js'

type Timestamp = ColumnType<Date, Date | string, Date | string>
/** A timestamp the database fills in by default. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>

interface ImportTable {
  id: Generated<number>
  channel: string
  path: string
  sha256: string
  job_id: string | null
  adapter_version: string
  status: 'running' | 'succeeded' | 'failed'
  records_read: Generated<number>
  inserted: Generated<number>
  updated: Generated<number>
  unchanged: Generated<number>
  skipped: Generated<number>
  rejected: Generated<number>
  warnings: Generated<number>
  /** Reason code → count, e.g. `{ "outgoing call": 12 }`. */
  skipped_by_reason: ColumnType<Record<string, number>, string | undefined, string>
  /** Outputs committed so far: a retried job resumes after it. */
  checkpoint: Generated<number>
  started_at: DefaultTimestamp
  finished_at: Timestamp | null
  error: string | null
  /** Notes about the file as a whole, from its adapter: the sheet read, an encoding fallen back to. */
  notes: ColumnType<string[], string[] | undefined, string[]>
  /** A failed import's replacement: the succeeded import of the corrected file of the same name. */
  superseded_by: number | null
}

export interface TicketTable {
  channel: string
  source_ticket_id: string
  opened_at: Timestamp | null
  first_response_at: Timestamp | null
  closed_at: Timestamp | null
  status: string
  status_rank: number
  agent: string | null
  topic: string | null
  segment: string | null
  subject: string | null
  customer_key: string | null
  message_count: number | null
  /** Status rank of the record each descriptive field came from; -1 while empty. */
  agent_rank: Generated<number>
  topic_rank: Generated<number>
  segment_rank: Generated<number>
  subject_rank: Generated<number>
  customer_key_rank: Generated<number>
  /** Source activity time of the record each descriptive field came from; null while empty. */
  agent_activity_at: Timestamp | null
  topic_activity_at: Timestamp | null
  segment_activity_at: Timestamp | null
  subject_activity_at: Timestamp | null
  customer_key_activity_at: Timestamp | null
  import_id: number
  adapter_version: string
  updated_at: DefaultTimestamp
}

/** The raw source records of one loaded batch. */
interface TicketSourceBatchTable {
  channel: string
  batch_key: string
  import_id: number
  record_count: number
  /** JSON array of [source_ticket_id, record_number, raw record]; written as UTF-8 bytes. */
  records: ColumnType<string, string | Uint8Array, never>
}

/** A view: one row per raw source record, unpacked from ticket_source_batch. */
interface TicketSourceView {
  channel: string
  source_ticket_id: string
  import_id: number
  record_number: number
  raw: unknown
}

interface RejectTable {
  id: Generated<number>
  import_id: number
  record_number: number
  reason: string
  raw: string
}

interface RollupPendingTable {
  /** First day of the WIB month, 'YYYY-MM-DD'. */
  month: string
  marked_at: DefaultTimestamp
}

interface DocumentTable {
  message_id: string
  sha256: string
  received_at: Timestamp
  sender_domain: string | null
  file_name: string
  size_bytes: number
  import_id: number
  created_at: DefaultTimestamp
}

/** Public tables plus the `reporting` schema (keys like 'reporting.channel_month'). */
export interface Database extends ReportingDatabase {
  import: ImportTable
  ticket: TicketTable
  ticket_source_batch: TicketSourceBatchTable
  ticket_source: TicketSourceView
  reject: RejectTable
  rollup_pending: RollupPendingTable
  document: DocumentTable
}

export type ImportRow = Selectable<ImportTable>
export type RejectRow = Selectable<RejectTable>
