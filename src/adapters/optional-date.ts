import { parseSourceDate, type DateOptions } from '../domain/source-date.js'

/** An optional date: empty → null; unparseable → null plus a warning for the import's count. */
export function optionalDate(
  text: string,
  column: string,
  options: DateOptions,
  warnings: string[],
): Date | null {
  if (!text) return null
  const date = parseSourceDate(text, options)
  if (!date) warnings.push(`unparseable ${column}: ${text}`)
  return date
}
