/**
 * The longest value each descriptive field keeps, in characters (docs/operations.md, "Security
 * model"). Labels that reports group by stay short enough for any index; a subject keeps a
 * sentence. An id longer than its limit is no id an export writes: the record is rejected
 * rather than cut, since two cut ids could merge two tickets.
 */
export const FIELD_MAX_LENGTHS = {
  agent: 200,
  topic: 200,
  subject: 500,
} as const

export const SOURCE_ID_MAX_LENGTH = 500

export type LimitedField = keyof typeof FIELD_MAX_LENGTHS

/**
 * The value cut to `max` characters, its last one an ellipsis so a reader sees it was cut; a
 * surrogate pair is never split. Null when it fits.
 */
export function truncateText(value: string, max: number): string | null {
  if (value.length <= max) return null
  let end = max - 1
  const last = value.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end -= 1
  return `${value.slice(0, end)}…`
}
