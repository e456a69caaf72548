/** Failed logins a client may make before it has to wait. */
const FREE_FAILURES = 5
const FIRST_LOCK_MS = 1_000
const MAX_LOCK_MS = 15 * 60_000
/** A client's failures are forgotten this long after its last one. */
const FORGET_AFTER_MS = MAX_LOCK_MS
/** Clients remembered at most; the oldest are forgotten first (many addresses, one attacker). */
const MAX_CLIENTS = 10_000

interface Failures {
  count: number
  last: number
  lockedUntil: number
}

/**
 * Per-client throttling of wrong passwords: after five failures each further one locks the
 * client out for twice as long as the last (1 s, 2 s, 4 s … at most 15 minutes). While locked
 * out no password is even checked, so guessing costs time whatever the guesses are.
 */
export class LoginThrottle {
  readonly #clients = new Map<string, Failures>()
  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds the client must still wait, 0 when it may try. */
  waitMs(client: string): number {
    const entry = this.#current(client)
    return entry ? Math.max(0, entry.lockedUntil - this.now()) : 0
  }

  fail(client: string): void {
    const now = this.now()
    const entry = this.#current(client) ?? { count: 0, last: now, lockedUntil: 0 }
    entry.count += 1
    entry.last = now
    const over = entry.count - FREE_FAILURES
    if (over > 0) entry.lockedUntil = now + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (over - 1))
    this.#clients.delete(client)
    this.#clients.set(client, entry)
    if (this.#clients.size > MAX_CLIENTS) {
      this.#clients.delete(this.#clients.keys().next().value!)
    }
  }

  succeed(client: string): void {
    this.#clients.delete(client)
  }

  #current(client: string): Failures | undefined {
    const entry = this.#clients.get(client)
    if (entry && this.now() - entry.last > FORGET_AFTER_MS && this.now() >= entry.lockedUntil) {
      this.#clients.delete(client)
      return undefined
    }
    return entry
  }
}
