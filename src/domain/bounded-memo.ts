/**
 * `compute` with its answers kept for the inputs it was asked before, emptied when `limit` are
 * held so that memory stays bounded: for answers that repeat (a customer's contact, a segment
 * label) and cost more than a lookup.
 */
export function boundedMemo<T>(limit: number, compute: (input: string) => T): (input: string) => T {
  const known = new Map<string, T>()
  return (input) => {
    if (known.has(input)) return known.get(input)!
    if (known.size >= limit) known.clear()
    const answer = compute(input)
    known.set(input, answer)
    return answer
  }
}
