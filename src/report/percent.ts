/**
 * Percentages as the report prints them: `decimals` places, half away from zero (as Postgres
 * `round(numeric, n)` in reporting.percent_of/percent_change), null when the base is 0 or missing.
 * Works on the integer ratio so a value like 12.345 is not lost to binary fractions.
 */
export function percentOf(part: number, whole: number | null, decimals = 2): number | null {
  if (whole == null || whole <= 0) return null
  return roundScaled((part * 10 ** (decimals + 2)) / whole, decimals)
}

/** Change of `current` against `base` in percent: (current − base) / base × 100. */
export function percentChange(current: number, base: number | null, decimals = 2): number | null {
  if (base == null || base <= 0) return null
  return roundScaled(((current - base) * 10 ** (decimals + 2)) / base, decimals)
}

/** How many decimals a printed figure has: 90.9 → 1, 28.45 → 2, 12 → 0. */
export function decimalsOf(value: number): number {
  const [, fraction = ''] = String(value).split('.')
  return fraction.length
}

function roundScaled(scaled: number, decimals: number): number {
  const rounded = (Math.sign(scaled) * Math.round(Math.abs(scaled))) / 10 ** decimals
  return rounded === 0 ? 0 : rounded
}
