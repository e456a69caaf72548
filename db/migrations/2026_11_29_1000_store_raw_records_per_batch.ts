import { sql, type Kysely } from 'kysely'

/**
 * Raw source records move from one deduplicated jsonb row each to one compressed text row per
 * loaded batch: storing them was half of the loader's time in Postgres. `ticket_source` becomes
 * a view with the old columns (minus record_hash), so operators query it as before. The fact
 * table loses its foreign key to `import`, a trigger per written row; import_id stays.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ticket_source_batch')
    .addColumn('channel', 'text', (c) => c.notNull())
    // The file's sha256, the adapter version and the batch's record range: the same records read
    // again (the same file ingested twice) are kept once.
    .addColumn('batch_key', 'text', (c) => c.notNull())
    .addColumn('import_id', 'bigint', (c) => c.notNull())
    .addColumn('record_count', 'integer', (c) => c.notNull())
    // A JSON array of [source_ticket_id, record_number, raw record] triples.
    .addColumn('records', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_source_batch_pk', ['channel', 'batch_key'])
    .execute()
  // lz4 compresses several times faster than the default pglz; servers built without it keep pglz.
  await sql`
    do $$ begin
      alter table ticket_source_batch alter column records set compression lz4;
    exception when others then null;
    end $$
  `.execute(db)
  await sql`
    insert into ticket_source_batch (channel, batch_key, import_id, record_count, records)
    select s.channel, i.sha256 || '/' || i.adapter_version || '/import-' || s.import_id, s.import_id,
      count(*)::int,
      json_agg(json_build_array(s.source_ticket_id, s.record_number, s.raw) order by s.record_number)::text
    from ticket_source s join import i on i.id = s.import_id
    group by s.channel, s.import_id, i.sha256, i.adapter_version
  `.execute(db)
  await db.schema.dropTable('ticket_source').execute()
  await sql`
    create view ticket_source as
    select b.channel, r.value ->> 0 as source_ticket_id, b.import_id,
      (r.value ->> 1)::int as record_number, r.value -> 2 as raw
    from ticket_source_batch b cross join lateral jsonb_array_elements(b.records::jsonb) r
  `.execute(db)
  await sql`alter table ticket drop constraint if exists ticket_import_id_fkey`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table ticket add constraint ticket_import_id_fkey foreign key (import_id) references import (id)
  `.execute(db)
  await sql`drop view ticket_source`.execute(db)
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
  await sql`
    insert into ticket_source (channel, source_ticket_id, record_hash, import_id, record_number, raw)
    select b.channel, r.value ->> 0, md5((r.value -> 2)::text),
      b.import_id, (r.value ->> 1)::int, r.value -> 2
    from ticket_source_batch b cross join lateral jsonb_array_elements(b.records::jsonb) r
    on conflict do nothing
  `.execute(db)
  await db.schema.dropTable('ticket_source_batch').execute()
}
