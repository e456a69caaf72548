/**
 * `compute` with its answers kept for the inputs it was asked before, emptied when `limit` are
 * held so that memory stays bounded: for answers that repeat (a customer's contact, a segment
 * label) and cost more than a lookup.
 */
export function boundedMemo<T extends NonNullable<unknown> | null>(
  limit: number,
  compute: (input: string) => T,
): (input: string) => T {
  const known = new Map<string, T>()
  return (input) => {
    const answer = known.get(input) // one lookup: `compute` never answers undefined
    if (answer !== undefined) return answer
    if (known.size >= limit) known.clear()
    const computed = compute(input)
    known.set(input, computed)
    return computed
  }
}
