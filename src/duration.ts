const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 } as const

/** A duration as settings spell it: a whole number and a unit (s, m, h, d, w). */
export const DURATION_PATTERN = /^(\d+)([smhdw])$/

/** `30d` → 2592000: a whole number and a unit (s, m, h, d, w), as settings spell durations. */
export function durationSeconds(text: string): number {
  const match = DURATION_PATTERN.exec(text.trim())
  if (!match) throw new RangeError(`expected a duration such as 30d or 12h, got ${text}`)
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS]
}
