import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import copyStreams from 'pg-copy-streams'
import { postgresText } from './postgres-text.js'

export type CopyValue = string | number | Date | null

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }
/** What COPY's text format escapes, and what postgresText cleans: most text has neither. */
const NEEDS_WORK = /[\\\t\n\r\0\uD800-\uDFFF]/

/** A value in COPY's text format: \N for null, backslash escapes for the separators. */
export function copyField(value: CopyValue): string {
  if (typeof value === 'string') {
    if (!NEEDS_WORK.test(value)) return value
    return postgresText(value).replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!)
  }
  if (value === null) return '\\N'
  if (typeof value === 'number') return String(value)
  return value.toISOString()
}

/** ESCAPES undone: the character after a backslash → the one it stands for. */
const UNESCAPES: Record<string, string> = Object.fromEntries(
  Object.entries(ESCAPES).map(([character, escape]): [string, string] => [escape[1]!, character]),
)

/** A field as copyField wrote it, read back as text: null for \N, its escapes undone. */
export function copyFieldText(field: string): string | null {
  if (field === '\\N') return null
  return field.includes('\\')
    ? field.replace(/\\([\\tnr])/g, (_, c: string) => UNESCAPES[c]!)
    : field
}

/**
 * Sends rows to `table` with one COPY, the fastest way into Postgres: `rows` holds them in
 * COPY's text format (copyField), a tab between fields and a newline after each row, in UTF-8.
 */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: Uint8Array,
): Promise<void> {
  const copy = client.query(copyStreams.from(`copy ${table} (${columns.join(', ')}) from stdin`))
  await pipeline(Readable.from([Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength)]), copy)
}
