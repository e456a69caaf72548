import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const START_TIMEOUT_MS = 60_000
const CLI = fileURLToPath(new URL('../../bin/dering.js', import.meta.url))

export interface FaultWorker {
  pid: number
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>
  /** Every JSON log line so far. */
  logs: { msg?: string; level?: number }[]
  kill(signal: NodeJS.Signals): void
}

/**
 * `dering worker` as a real process (so it can be killed), resolved once it has started.
 * Its JSON logs are kept for assertions and printed on failure by the caller.
 */
export function startFaultWorker(
  env: Record<string, string>,
  queues: string[] = ['ingest'],
): Promise<FaultWorker> {
  return startDeringProcess(['worker', '--queue', ...queues], env, 'worker started')
}

/** A long-running dering command (worker, scheduler), resolved once it logs `startedMessage`. */
export async function startDeringProcess(
  args: string[],
  env: Record<string, string>,
  startedMessage: string,
): Promise<FaultWorker> {
  const child = spawn(process.execPath, [CLI, ...args], {
    // Info level: the start is recognized by its log line.
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const logs: FaultWorker['logs'] = []
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  const started = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stderr }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as FaultWorker['logs'][number]
        logs.push(entry)
        if (entry.msg === startedMessage) resolve()
      } catch {
        logs.push({ msg: line })
      }
    })
    void exited.then((code) =>
      reject(
        new Error(
          `${args[0]} exited with ${code} before starting: ${JSON.stringify(logs.slice(-5))}`,
        ),
      ),
    )
  })
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${args[0]} did not start in ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    )
  })
  await Promise.race([started, timeout]).finally(() => clearTimeout(timer))
  return { pid: child.pid!, exited, logs, kill: (signal) => child.kill(signal) }
}

/** Polls `probe` until it returns a truthy value, failing after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  timeoutMs = 60_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe().catch(() => undefined)
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
