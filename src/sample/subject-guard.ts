const DAY_MS = 86_400_000
/** The adapter's subject-threading window (14 days), with a day to spare. */
const WINDOW_MS = 15 * DAY_MS
const PREFIXES = /^(?:(?:re|fwd?|fw|bls|balas|trs)\s*:\s*|\[external\]\s*)+/i

/**
 * A customer message without References joins the thread of the same address and subject if
 * one is less than 14 days away (formats/email.md). New threads must not merge by accident, so
 * the generator checks every new thread's address and subject against the messages so far.
 */
export interface SubjectGuard {
  isFree(address: string, subject: string, at: Date): boolean
  add(address: string, subject: string, at: Date): void
}

export function createSubjectGuard(): SubjectGuard {
  const seen = new Map<string, number[]>()
  const keyOf = (address: string, subject: string) =>
    `${address}\n${subject.replace(PREFIXES, '').trim().toLowerCase()}`
  return {
    isFree: (address, subject, at) =>
      (seen.get(keyOf(address, subject)) ?? []).every(
        (t) => Math.abs(t - at.getTime()) > WINDOW_MS,
      ),
    add: (address, subject, at) => {
      const key = keyOf(address, subject)
      seen.set(key, [...(seen.get(key) ?? []), at.getTime()])
    },
  }
}
