const utf8 = new TextEncoder()

/**
 * Orders two strings by Unicode code point, as Postgres orders text under `collate "C"` (UTF-8
 * bytes). JavaScript's `<` compares UTF-16 units instead, which puts U+E000–U+FFFF after
 * astral characters. A lone surrogate counts as U+FFFD, the character Postgres receives.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0
  const x = utf8.encode(a)
  const y = utf8.encode(b)
  const length = Math.min(x.length, y.length)
  for (let i = 0; i < length; i += 1) if (x[i] !== y[i]) return x[i]! - y[i]!
  return x.length - y.length || (a < b ? -1 : 1)
}
