/**
 * Postgres text cannot hold NUL characters (nor jsonb a \u0000), and a stray NUL in one field
 * of a damaged export must not fail the whole batch: the loader drops them.
 */

/** Removes NUL characters from every string in a value, however deep. */
export function stripNul<T>(value: T): T {
  if (typeof value === 'string') {
    return (value.includes('\0') ? value.replaceAll('\0', '') : value) as T
  }
  if (Array.isArray(value)) return value.map(stripNul) as T
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripNul(v)])) as T
  }
  return value
}

/** stripNul for the top-level strings of a record only; the record itself when it has none. */
export function stripNulFields<T extends object>(record: T): T {
  let copy: Record<string, unknown> | null = null
  for (const key in record) {
    const value: unknown = record[key]
    if (typeof value === 'string' && value.includes('\0')) {
      copy ??= { ...record } as Record<string, unknown>
      copy[key] = value.replaceAll('\0', '')
    }
  }
  return (copy ?? record) as T
}

/** JSON.stringify without NULs, copying the value only when its text shows one. */
export function stringifyWithoutNul(value: unknown): string {
  const json = JSON.stringify(value)
  return json.includes('\\u0000') ? JSON.stringify(stripNul(value)) : json
}
