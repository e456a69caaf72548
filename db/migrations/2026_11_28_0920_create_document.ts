import { sql, type Kysely } from 'kysely'

/** Email Lapor: one row per attachment received by the report inbox. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document')
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sender_domain', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('import_id', 'bigint', (c) => c.notNull().references('import.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('document_pk', ['message_id', 'sha256'])
    .execute()
  await db.schema.createIndex('document_received_at_idx').on('document').column('received_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document').execute()
}
