import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ticket')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('source_ticket_id', 'text', (c) => c.notNull())
    // Null only while a ticket is known from a record that cannot open it (an email reply).
    .addColumn('opened_at', 'timestamptz')
    .addColumn('first_response_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open', 'pending', 'abandoned', 'resolved', 'spam')`),
    )
    .addColumn('status_rank', 'smallint', (c) => c.notNull())
    .addColumn('agent', 'text')
    .addColumn('topic', 'text')
    .addColumn('segment', 'text', (c) =>
      c.check(sql`segment in ('pemda', 'kementerian_lembaga', 'mahasiswa', 'lainnya')`),
    )
    .addColumn('subject', 'text')
    .addColumn('customer_key', 'text')
    .addColumn('message_count', 'integer')
    // Status rank of the record each descriptive field came from (-1 while empty), so that the
    // highest-ranked record that has a value wins whatever order records arrive in.
    .addColumn('agent_rank', 'smallint', (c) => c.notNull().defaultTo(-1))
    .addColumn('topic_rank', 'smallint', (c) => c.notNull().defaultTo(-1))
    .addColumn('segment_rank', 'smallint', (c) => c.notNull().defaultTo(-1))
    .addColumn('subject_rank', 'smallint', (c) => c.notNull().defaultTo(-1))
    .addColumn('customer_key_rank', 'smallint', (c) => c.notNull().defaultTo(-1))
    .addColumn('import_id', 'bigint', (c) => c.notNull().references('import.id'))
    .addColumn('adapter_version', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ticket_pk', ['channel', 'source_ticket_id'])
    .execute()
  await db.schema.createIndex('ticket_opened_at_idx').on('ticket').column('opened_at').execute()

  // Every source record of every ticket, as read, so facts can be re-derived after an adapter fix.
  await db.schema
    .createTable('ticket_source')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('source_ticket_id', 'text', (c) => c.notNull())
    .addColumn('record_hash', 'text', (c) => c.notNull())
    .addColumn('import_id', 'bigint', (c) => c.notNull().references('import.id'))
    .addColumn('record_number', 'integer', (c) => c.notNull())
    .addColumn('raw', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_source_pk', ['channel', 'source_ticket_id', 'record_hash'])
    .execute()

  await db.schema
    .createTable('reject')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('import_id', 'bigint', (c) => c.notNull().references('import.id').onDelete('cascade'))
    .addColumn('record_number', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('reject_import_id_idx').on('reject').column('import_id').execute()

  // WIB months whose rollups are stale, written in the same transaction as the facts.
  await db.schema
    .createTable('rollup_pending')
    .addColumn('month', 'date', (c) => c.primaryKey())
    .addColumn('marked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rollup_pending').execute()
  await db.schema.dropTable('reject').execute()
  await db.schema.dropTable('ticket_source').execute()
  await db.schema.dropTable('ticket').execute()
}
