/**
 * A seeded pseudo-random generator (mulberry32). The sample must come out byte-identical for one
 * seed, so nothing in src/sample draws from Math.random.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  chance(probability: number): boolean
  pick<T>(items: readonly T[]): T
  /** One of the entries, drawn with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T
  /** Lower-case hex digits. */
  hex(length: number): string
  /**
   * An independent generator for a named part of the sample, derived from the seed and the label
   * only: adding draws to one channel or month leaves every other part unchanged.
   */
  fork(label: string): Prng
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list')
      return items[int(0, items.length - 1)]!
    },
    weighted: (entries) => {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
      let draw = next() * total
      for (const [value, weight] of entries) {
        draw -= weight
        if (draw < 0) return value
      }
      return entries[entries.length - 1]![0]
    },
    hex: (length) => Array.from({ length }, () => int(0, 15).toString(16)).join(''),
    fork: (label) => createPrng(hashLabel(seed, label)),
  }
}

/** FNV-1a over the seed and the label, so forks depend on nothing but their name. */
function hashLabel(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0)
  for (const char of `${seed}:${label}`) {
    hash ^= char.codePointAt(0)!
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}
