import { pingDatabase, type Db } from '../db/connect.js'
import type { ConnectionState } from './connection-state.js'

export interface PostgresWatch {
  /** Asks Postgres now; while it does not answer, asks again with backoff until it does. */
  check(): Promise<void>
  stop(): void
}

const PROBE_TIMEOUT_MS = 5_000
const MAX_BACKOFF_MS = 30_000

/**
 * Probes Postgres only when a job hit a connection error (or at start), so that "restored" is
 * logged when it comes back even if no job is running to notice.
 */
export function watchPostgres(db: Db, state: ConnectionState): PostgresWatch {
  let timer: NodeJS.Timeout | undefined
  let failures = 0
  let stopped = false
  const check = async (): Promise<void> => {
    if (stopped) return
    try {
      await withTimeout(pingDatabase(db), PROBE_TIMEOUT_MS)
      failures = 0
      state.markUp()
    } catch (error) {
      state.markDown(error)
      failures += 1
      if (!timer && !stopped) {
        const delay = Math.min(1_000 * 2 ** Math.min(failures, 5), MAX_BACKOFF_MS)
        timer = setTimeout(() => {
          timer = undefined
          void check()
        }, delay)
        timer.unref()
      }
    }
  }
  return {
    check,
    stop() {
      stopped = true
      clearTimeout(timer)
    },
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
