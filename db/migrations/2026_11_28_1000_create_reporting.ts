import { sql, type Kysely } from 'kysely'

/**
 * The `reporting` schema analysts query (docs/reporting.md): monthly rollups per WIB month,
 * rewritten whole by the rollup job, views that add shares and changes, and the read-only
 * role `dering_analyst`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema reporting`.execute(db)
  await createLookups(db)
  await createRollupTables(db)
  await createPercentFunctions(db)
  await createViews(db)
  await grantAnalyst(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  // Drops the views, tables, functions, their grants and the schema's default privileges.
  await sql`drop schema reporting cascade`.execute(db)
  // Roles are cluster-wide: other databases (test clones, a staging copy) may still grant it
  // something, and then DROP ROLE fails with dependent_objects_still_exist; the role stays.
  await sql`
    do $$ begin
      drop role if exists dering_analyst;
    exception when dependent_objects_still_exist then null;
    end $$
  `.execute(db)
}

async function createLookups(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table reporting.channel (
      channel text primary key,
      label text not null,
      sort_order smallint not null unique
    )
  `.execute(db)
  await sql`
    insert into reporting.channel (channel, label, sort_order) values
      ('whatsapp', 'WhatsApp', 1), ('phone', 'Telepon', 2), ('email', 'Email', 3),
      ('hai_kemenkeu', 'Hai Kemenkeu', 4), ('livechat', 'Live Chat', 5)
  `.execute(db)
  await sql`
    create table reporting.segment (
      segment text primary key,
      label text not null,
      sort_order smallint not null unique
    )
  `.execute(db)
  await sql`
    insert into reporting.segment (segment, label, sort_order) values
      ('pemda', 'Pemda', 1), ('kementerian_lembaga', 'Kementerian/Lembaga', 2),
      ('mahasiswa', 'Mahasiswa', 3), ('lainnya', 'Lainnya', 4)
  `.execute(db)
  // Statistics now: the views join these on every query and must not be planned as big tables.
  await sql`analyze reporting.channel, reporting.segment`.execute(db)
}

async function createRollupTables(db: Kysely<unknown>): Promise<void> {
  const firstDay = (column: string) => sql.raw(`check (extract(day from ${column}) = 1)`)
  await sql`
    create table reporting.channel_month (
      month date not null ${firstDay('month')},
      channel text not null,
      tickets integer not null,
      consultations integer not null,
      abandoned integer not null,
      spam integer not null,
      responded integer not null,
      first_response_median_seconds numeric,
      first_response_mean_seconds numeric,
      primary key (month, channel)
    )
  `.execute(db)
  await sql`
    create table reporting.segment_month (
      month date not null ${firstDay('month')},
      segment text not null,
      consultations integer not null,
      primary key (month, segment)
    )
  `.execute(db)
  await sql`
    create table reporting.topic_month (
      month date not null ${firstDay('month')},
      channel text not null,
      rank smallint not null check (rank between 1 and 10),
      topic text not null,
      consultations integer not null,
      primary key (month, channel, rank),
      unique (month, channel, topic)
    )
  `.execute(db)
  await sql`
    create table reporting.document_month (
      month date primary key ${firstDay('month')},
      documents integer not null
    )
  `.execute(db)
}

/** Percentages as the report prints them: 2 decimals, half away from zero; null without a base. */
async function createPercentFunctions(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function reporting.percent_of(part numeric, whole numeric) returns numeric
    language sql immutable parallel safe
    as $$ select case when whole > 0 then round(part * 100 / whole, 2) end $$
  `.execute(db)
  await sql`
    create function reporting.percent_change(current_value numeric, base numeric) returns numeric
    language sql immutable parallel safe
    as $$ select case when base > 0 then round((current_value - base) * 100 / base, 2) end $$
  `.execute(db)
}

async function createViews(db: Kysely<unknown>): Promise<void> {
  // Every month from the first to the last with any data, so series have no holes. A plpgsql
  // function (never inlined) so the planner sees ~120 months, not generate_series' 1000 rows,
  // which priced small view queries into JIT compilation taking a second.
  await sql`
    create function reporting.calendar_months() returns setof date
    language plpgsql stable rows 120 as $$
    begin
      return query
        select generate_series(min(m.month)::timestamp, max(m.month)::timestamp, interval '1 month')::date
        from (
          select month from reporting.channel_month
          union all select month from reporting.document_month
        ) as m;
    end
    $$
  `.execute(db)
  await sql`create view reporting.calendar_month as select month from reporting.calendar_months() as month`.execute(
    db,
  )
  await sql`
    create view reporting.channel_month_change as
    with series as (
      select c.month, ch.channel,
        coalesce(f.consultations, 0) as consultations,
        coalesce(f.abandoned, 0) as abandoned,
        coalesce(f.spam, 0) as spam,
        f.first_response_median_seconds,
        f.first_response_mean_seconds
      from reporting.calendar_month c
      cross join reporting.channel ch
      left join reporting.channel_month f on f.month = c.month and f.channel = ch.channel
    ),
    totals as (
      select month, sum(consultations)::integer as consultations from series group by month
    )
    select s.month, s.channel, l.label,
      s.consultations, s.abandoned, s.spam,
      t.consultations as month_consultations,
      reporting.percent_of(s.consultations, t.consultations) as share_pct,
      p.consultations as previous_month_consultations,
      reporting.percent_change(s.consultations, p.consultations) as change_vs_previous_month_pct,
      y.consultations as same_month_last_year_consultations,
      reporting.percent_change(s.consultations, y.consultations) as change_vs_same_month_last_year_pct,
      s.first_response_median_seconds,
      s.first_response_mean_seconds
    from series s
    join totals t on t.month = s.month
    join reporting.channel l on l.channel = s.channel
    left join series p on p.channel = s.channel and p.month = (s.month - interval '1 month')::date
    left join series y on y.channel = s.channel and y.month = (s.month - interval '1 year')::date
  `.execute(db)
  await sql`
    create view reporting.month_total as
    with series as (
      select c.month,
        coalesce(sum(f.tickets), 0)::integer as tickets,
        coalesce(sum(f.consultations), 0)::integer as consultations,
        coalesce(sum(f.abandoned), 0)::integer as abandoned,
        coalesce(sum(f.spam), 0)::integer as spam,
        coalesce(max(d.documents), 0)::integer as documents
      from reporting.calendar_month c
      left join reporting.channel_month f on f.month = c.month
      left join reporting.document_month d on d.month = c.month
      group by c.month
    )
    select s.*,
      p.consultations as previous_month_consultations,
      reporting.percent_change(s.consultations, p.consultations) as change_vs_previous_month_pct,
      y.consultations as same_month_last_year_consultations,
      reporting.percent_change(s.consultations, y.consultations) as change_vs_same_month_last_year_pct
    from series s
    left join series p on p.month = (s.month - interval '1 month')::date
    left join series y on y.month = (s.month - interval '1 year')::date
  `.execute(db)
  await sql`
    create view reporting.year_total as
    with years as (
      select extract(year from month)::integer as year,
        sum(consultations)::integer as consultations,
        sum(documents)::integer as documents
      from reporting.month_total
      group by 1
    )
    select y.year, y.consultations, y.documents,
      p.consultations as previous_year_consultations,
      reporting.percent_change(y.consultations, p.consultations) as change_vs_previous_year_pct
    from years y
    left join years p on p.year = y.year - 1
  `.execute(db)
  await sql`
    create view reporting.year_whatsapp_vs_other as
    select extract(year from month)::integer as year,
      coalesce(sum(consultations) filter (where channel = 'whatsapp'), 0)::integer as whatsapp,
      coalesce(sum(consultations) filter (where channel <> 'whatsapp'), 0)::integer as other,
      sum(consultations)::integer as consultations,
      reporting.percent_of(sum(consultations) filter (where channel = 'whatsapp'), sum(consultations))
        as whatsapp_share_pct,
      reporting.percent_of(sum(consultations) filter (where channel <> 'whatsapp'), sum(consultations))
        as other_share_pct
    from reporting.channel_month_change
    group by 1
  `.execute(db)
  await sql`
    create view reporting.segment_month_share as
    select c.month, s.segment, s.label,
      coalesce(f.consultations, 0) as consultations,
      reporting.percent_of(
        coalesce(f.consultations, 0),
        sum(coalesce(f.consultations, 0)) over (partition by c.month)
      ) as share_pct
    from reporting.calendar_month c
    cross join reporting.segment s
    left join reporting.segment_month f on f.month = c.month and f.segment = s.segment
  `.execute(db)
}

async function grantAnalyst(db: Kysely<unknown>): Promise<void> {
  // Roles are cluster-wide and databases are migrated in parallel (test clones): create it once,
  // tolerating a concurrent creator.
  await sql`
    do $$ begin
      if not exists (select from pg_roles where rolname = 'dering_analyst') then
        create role dering_analyst nologin;
      end if;
    exception when duplicate_object or unique_violation then null;
    end $$
  `.execute(db)
  await sql`grant usage on schema reporting to dering_analyst`.execute(db)
  await sql`grant select on all tables in schema reporting to dering_analyst`.execute(db)
  await sql`grant execute on all functions in schema reporting to dering_analyst`.execute(db)
  await sql`alter default privileges in schema reporting grant select on tables to dering_analyst`.execute(
    db,
  )
  // Nothing outside reporting: no facts, rejects, imports or raw payloads, whatever PUBLIC was given.
  await sql`revoke all on all tables in schema public from public, dering_analyst`.execute(db)
  await sql`revoke all on all sequences in schema public from public, dering_analyst`.execute(db)
  await sql`revoke create on schema public from public`.execute(db)
  await sql`alter default privileges in schema public revoke all on tables from public`.execute(db)
  await sql`alter default privileges revoke all on tables from public`.execute(db)
}
