import { sql, type RawBuilder } from 'kysely'
import {
  DESCRIPTIVE_FIELDS,
  NO_SOURCE,
  type DescriptiveField,
  type FieldSource,
  type TicketState,
} from '../domain/merge-ticket.js'
import type { TicketEvent } from '../domain/ticket-event.js'
import { statusRank } from '../domain/ticket-status.js'
import { copyField, copyFieldText, type CopyValue } from './copy-rows.js'
import type { TicketTable } from './schema.js'
import { Utf8Builder } from './utf8-builder.js'

type Sql = RawBuilder<unknown>
type ColumnName = Extract<keyof TicketTable, string>

/**
 * One column of `ticket` as a batch writes it: its value in the staged row, taken from a ticket
 * merged in memory; how the staged row `s` gives it to the insert; and, for all but the key, how
 * the stored row `t` and the incoming row `excluded` merge (domain/merge-ticket.ts in SQL).
 */
export interface TicketColumn {
  name: ColumnName
  stage: (state: TicketState) => CopyValue
  /** Whether it is staged as an instant in epoch milliseconds (epochMs) rather than as itself. */
  instant: boolean
  fromStage: Sql
  merge: Sql | null
}

/** The columns of `ticket` that have a `_rank` and an `_activity_at` column beside them. */
type DescriptiveName = {
  [K in ColumnName]: `${K}_rank` | `${K}_activity_at` extends ColumnName ? K : never
}[ColumnName]

/** A descriptive field: a value with the status rank and activity time of its record. */
export interface DescriptiveColumn {
  field: DescriptiveField
  name: DescriptiveName
  rank: `${DescriptiveName}_rank`
  activityAt: `${DescriptiveName}_activity_at`
}

const staged = (name: string) => sql`s.${sql.ref(name)}`

/**
 * An instant as COPY stages it: milliseconds since the epoch, which Postgres parses several times
 * faster than a timestamp's text (to_timestamp turns it back, to the microsecond).
 */
const epochMs = (at: Date | null): number | null => at?.getTime() ?? null
const fromEpochMs = (ms: Sql) => sql`to_timestamp(${ms} / 1000)`
const earliest = (name: string) => sql`least(t.${sql.ref(name)}, excluded.${sql.ref(name)})`
const latest = (name: string) => sql`greatest(t.${sql.ref(name)}, excluded.${sql.ref(name)})`

function key(name: ColumnName, stage: (event: TicketEvent) => CopyValue): TicketColumn {
  const fromStage = staged(name)
  return { name, stage: (state) => stage(state.event), instant: false, fromStage, merge: null }
}

function fact(
  name: ColumnName,
  stage: (event: TicketEvent) => CopyValue,
  merge: (name: string) => Sql,
): TicketColumn {
  return { ...key(name, stage), merge: merge(name) }
}

function instantFact(
  name: ColumnName,
  at: (event: TicketEvent) => Date | null,
  merge: (name: string) => Sql,
): TicketColumn {
  return {
    name,
    stage: (state) => epochMs(at(state.event)),
    instant: true,
    fromStage: fromEpochMs(staged(name)),
    merge: merge(name),
  }
}

/**
 * The key and the facts a ticket folds from its records (formats/README.md, Merging).
 * LEAST/GREATEST ignore nulls.
 */
const FACTS: readonly TicketColumn[] = [
  key('channel', (e) => e.channel),
  key('source_ticket_id', (e) => e.sourceTicketId),
  instantFact('opened_at', (e) => e.openedAt, earliest),
  instantFact('first_response_at', (e) => e.firstResponseAt, earliest),
  instantFact('closed_at', (e) => e.closedAt, latest),
  fact(
    'status',
    (e) => e.status,
    () =>
      sql`case when excluded.status_rank > t.status_rank then excluded.status else t.status end`,
  ),
  fact('status_rank', (e) => statusRank(e.status), latest),
  fact('message_count', (e) => e.messageCount, latest),
]

/** The column of each descriptive field. */
const DESCRIPTIVE_NAMES: Readonly<Record<DescriptiveField, DescriptiveName>> = {
  agent: 'agent',
  topic: 'topic',
  segment: 'segment',
  subject: 'subject',
  customerKey: 'customer_key',
}

/** Fields taken whole from the record with the best claim, each with where it came from. */
export const DESCRIPTIVE_COLUMNS: readonly DescriptiveColumn[] = DESCRIPTIVE_FIELDS.map(
  (field): DescriptiveColumn => {
    const name = DESCRIPTIVE_NAMES[field]
    return { field, name, rank: `${name}_rank`, activityAt: `${name}_activity_at` }
  },
)

/**
 * Whether the incoming record's claim on a descriptive field beats the stored one: higher status
 * rank, then later source activity time, then the greater value by code point (`collate "C"`
 * compares UTF-8 bytes). An empty field has rank -1 and no time, so any value beats it.
 */
export function incomingWins({ name, rank, activityAt }: DescriptiveColumn): Sql {
  const [value, r, at] = [sql.ref(name), sql.ref(rank), sql.ref(activityAt)]
  return sql`(excluded.${r}, coalesce(excluded.${at}, '-infinity'), excluded.${value} collate "C")
    > (t.${r}, coalesce(t.${at}, '-infinity'), t.${value} collate "C")`
}

/** The three columns of a descriptive field, taken together from the winning side. */
function descriptiveColumns(column: DescriptiveColumn): TicketColumn[] {
  const { field, name, rank, activityAt } = column
  const fromWinner = (part: string) =>
    sql`case when ${incomingWins(column)} then excluded.${sql.ref(part)} else t.${sql.ref(part)} end`
  return [
    {
      name,
      stage: ({ event }) => event[field] || null,
      instant: false,
      fromStage: staged(name),
      merge: fromWinner(name),
    },
    {
      name: rank,
      stage: ({ fieldSources }) => fieldSources[field].rank,
      instant: false,
      fromStage: staged(rank),
      merge: fromWinner(rank),
    },
    {
      // Staged only when it differs from the raw record's (activity_at, below; -Infinity for
      // none): fields mostly come from that record.
      name: activityAt,
      stage: ({ fieldSources, rawSource }) => {
        const { rank, activityAt } = fieldSources[field]
        const sameTime = rank < 0 || activityAt?.getTime() === rawSource.activityAt?.getTime()
        return sameTime ? null : (epochMs(activityAt) ?? -Infinity)
      },
      instant: true,
      fromStage: sql`case when s.${sql.ref(rank)} >= 0 then ${fromEpochMs(
        sql`nullif(coalesce(s.${sql.ref(activityAt)}, s.activity_at), '-Infinity')`,
      )} end`,
      merge: fromWinner(activityAt),
    },
  ]
}

/** Every column of `ticket` a batch writes, in one order for the stage, the insert and the merge. */
export const TICKET_COLUMNS: readonly TicketColumn[] = [
  ...FACTS,
  ...DESCRIPTIVE_COLUMNS.flatMap(descriptiveColumns),
]

/** The columns that fold by a rule of their own rather than by a descriptive claim. */
export const MERGED_FACTS = FACTS.filter(
  (column): column is TicketColumn & { merge: Sql } => column.merge !== null,
)

/** The activity time of the record the raw text came from, staged beside the ticket's columns. */
const RAW_ACTIVITY: { name: string; stage: (state: TicketState) => CopyValue } = {
  name: 'activity_at',
  stage: ({ rawSource }) => epochMs(rawSource.activityAt),
}

/**
 * The staging table's columns as a query over `ticket` gives them: each column's own type, an
 * instant's as epoch milliseconds.
 */
export const STAGE_DEFINITION = [
  ...TICKET_COLUMNS.map(({ name, instant }) => (instant ? `null::float8 as ${name}` : name)),
  `null::float8 as ${RAW_ACTIVITY.name}`,
].join(', ')

/** What COPY stages: the ticket's columns, then the raw record's activity time. */
export const STAGED_COLUMNS: readonly string[] = [
  ...TICKET_COLUMNS.map((column) => column.name),
  RAW_ACTIVITY.name,
]

const NEWLINE = 0x0a

const STAGERS = [...TICKET_COLUMNS.map((column) => column.stage), RAW_ACTIVITY.stage]

/** A merged ticket as one row of COPY text for the staging table, its columns in STAGED_COLUMNS order. */
export function stagedTicketRow(state: TicketState): string {
  // Joined, not concatenated: the row is one flat string, which a batch keeps until it is sent.
  return STAGERS.map((stage) => copyField(stage(state))).join('\t')
}

/** Staged rows as the COPY text of the staging table, in UTF-8. */
export function stagedTicketRows(rows: Iterable<string>): Uint8Array<ArrayBuffer> {
  const text = new Utf8Builder()
  for (const row of rows) {
    text.append(row)
    text.appendAscii(NEWLINE)
  }
  return text.bytes()
}

const STAGED_INDEX = new Map(STAGED_COLUMNS.map((name, index) => [name, index]))

/**
 * The merged ticket a staged row was made from (stagedTicketRow), given what the row leaves
 * out: the status rank of the record whose raw text the ticket carries. Its raw record is empty,
 * as in a batch (raw records travel apart). A batch keeps its tickets as rows, which cost a
 * fraction of the objects, and reads one back only when another record of its ticket comes.
 */
export function ticketStateOfRow(row: string, rawRank: number): TicketState {
  const cells = row.split('\t').map(copyFieldText)
  const cell = (name: string) => cells[STAGED_INDEX.get(name)!] ?? null
  const rawActivityAt = instantOf(cell(RAW_ACTIVITY.name))
  const messageCount = cell('message_count')
  const event: TicketEvent = {
    channel: cell('channel') as TicketEvent['channel'],
    sourceTicketId: cell('source_ticket_id')!,
    openedAt: instantOf(cell('opened_at')),
    firstResponseAt: instantOf(cell('first_response_at')),
    closedAt: instantOf(cell('closed_at')),
    status: cell('status') as TicketEvent['status'],
    agent: null,
    topic: null,
    segment: null,
    subject: null,
    customerKey: null,
    messageCount: messageCount === null ? null : Number(messageCount),
    raw: {},
  }
  const fieldSources = {} as Record<DescriptiveField, FieldSource>
  for (const { field, name, rank, activityAt } of DESCRIPTIVE_COLUMNS) {
    Object.assign(event, { [field]: cell(name) })
    const claim = Number(cell(rank))
    const at = cell(activityAt)
    fieldSources[field] =
      claim < 0
        ? NO_SOURCE
        : { rank: claim, activityAt: at === null ? rawActivityAt : instantOf(at) }
  }
  return { event, fieldSources, rawSource: { rank: rawRank, activityAt: rawActivityAt } }
}

/** An instant staged as epoch milliseconds; -Infinity and null are none. */
function instantOf(epochMs: string | null): Date | null {
  const ms = epochMs === null ? -Infinity : Number(epochMs)
  return ms === -Infinity ? null : new Date(ms)
}
