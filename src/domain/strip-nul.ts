/**
 * Removes NUL characters from every string in a value. Postgres text and jsonb cannot hold
 * them, and a stray NUL in one field (a damaged export) must not fail the whole batch.
 */
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
