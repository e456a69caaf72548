const DAY_MS = 86_400_000
/** A customer message joins a subject thread whose last customer message is this recent. */
const SUBJECT_THREAD_WINDOW_MS = 14 * DAY_MS
const SWEEP_EVERY = 1_000

export interface SubjectThreads {
  /**
   * The ticket a customer message without References/In-Reply-To belongs to: the thread of the
   * same address and normalized subject whose last customer message is at most the window apart,
   * else `ownId`. Also records this message as the thread's latest.
   */
  join(address: string, topic: string, sentAt: Date, ownId: string): string
  /** Records a customer message whose thread its headers named, so later ones can join it. */
  remember(address: string, topic: string, sentAt: Date, ticketId: string): void
}

interface Thread {
  ticketId: string
  lastAt: number
}

/**
 * A per-file index (subject threading works within one file). It forgets threads whose last
 * message is more than the window older than the newest message seen, so it holds only the
 * threads of the last 14 days however long the mailbox; forgetting is checked on lookup too,
 * so results do not depend on when a sweep ran.
 */
export function createSubjectThreads(): SubjectThreads {
  const threads = new Map<string, Thread>()
  let newestAt = -Infinity
  let sinceSweep = 0

  const keyOf = (address: string, topic: string): string => `${address}\n${topic.toLowerCase()}`

  function remember(address: string, topic: string, sentAt: Date, ticketId: string): void {
    // An empty subject says nothing about which question a message belongs to.
    if (topic === '') return
    const at = sentAt.getTime()
    newestAt = Math.max(newestAt, at)
    const key = keyOf(address, topic)
    const thread = threads.get(key)
    if (thread?.ticketId === ticketId) thread.lastAt = Math.max(thread.lastAt, at)
    else if (!thread || at >= thread.lastAt) threads.set(key, { ticketId, lastAt: at })
    sinceSweep += 1
    if (sinceSweep >= SWEEP_EVERY) sweep()
  }

  function join(address: string, topic: string, sentAt: Date, ownId: string): string {
    const at = sentAt.getTime()
    newestAt = Math.max(newestAt, at)
    const thread = topic === '' ? undefined : threads.get(keyOf(address, topic))
    const joined =
      thread !== undefined &&
      Math.abs(at - thread.lastAt) <= SUBJECT_THREAD_WINDOW_MS &&
      newestAt - thread.lastAt <= SUBJECT_THREAD_WINDOW_MS
    const ticketId = joined ? thread.ticketId : ownId
    remember(address, topic, sentAt, ticketId)
    return ticketId
  }

  function sweep(): void {
    sinceSweep = 0
    for (const [key, thread] of threads) {
      if (newestAt - thread.lastAt > SUBJECT_THREAD_WINDOW_MS) threads.delete(key)
    }
  }

  return { join, remember }
}
