import { sql, type Kysely } from 'kysely'

/**
 * A topic is free text from an export: a btree entry of it fails beyond ~2.7 kB ("index row
 * size exceeds btree maximum"), and with it the month's rollup. Topics stay unique per month ×
 * channel through the md5 of their text, which has a fixed size whatever the topic.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table reporting.topic_month drop constraint topic_month_month_channel_topic_key`.execute(
    db,
  )
  await sql`create unique index topic_month_topic_md5_key on reporting.topic_month (month, channel, md5(topic))`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index reporting.topic_month_topic_md5_key`.execute(db)
  await sql`alter table reporting.topic_month add constraint topic_month_month_channel_topic_key unique (month, channel, topic)`.execute(
    db,
  )
}
