import { address } from '../process/describe-error.js'
import type { Services } from '../services.js'

const CHECK_MS = 2_000

/**
 * Tells the operator when nobody consumes the ingest queue: checked at once and every 2 s, the
 * hint is printed once two checks in a row found no worker (so within about 4 s), and again
 * when one turns up. Returns a function that stops watching.
 */
export function watchWorkers(services: Services, say: (line: string) => void): () => void {
  const { config } = services
  let missing = 0
  let warned = false
  let stopped = false
  const check = async () => {
    const count = await services.queues.ingest.getWorkersCount().catch(() => null)
    if (stopped || count === null) return // CLIENT LIST may be disabled: say nothing then
    if (count > 0) {
      if (warned) say(`dering: ${count} worker(s) now consuming the ingest queue`)
      missing = 0
      warned = false
      return
    }
    missing += 1
    if (missing >= 2 && !warned) {
      warned = true
      say(
        `dering: no worker is consuming the ingest queue (QUEUE_PREFIX ${config.QUEUE_PREFIX} on ` +
          `${address(config.REDIS_URL, 6379)}): start one with \`dering worker\` (same REDIS_URL, ` +
          'QUEUE_PREFIX and DATABASE_URL); still waiting, Ctrl-C to stop (the jobs stay queued)',
      )
    }
  }
  void check()
  const timer = setInterval(() => void check(), CHECK_MS)
  return () => {
    stopped = true
    clearInterval(timer)
  }
}
