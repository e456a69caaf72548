import { spawn, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { isBuildCurrent } from '../bin/build-stamp.js'

const CLI = fileURLToPath(new URL('../bin/dering.js', import.meta.url))
const READY_TIMEOUT_MS = 60_000

export interface WorkerProcess {
  pid: number
  /** Peak resident memory so far (VmHWM), in bytes. */
  peakRss(): Promise<number>
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>
}

/**
 * Starts `dering worker` as a process of its own (as production runs it) and resolves once it
 * logs that it started. `nodeArgs` go before the CLI, e.g. `--cpu-prof`.
 */
export async function startWorkerProcess(
  env: Record<string, string>,
  options: { queues?: string[]; nodeArgs?: string[] } = {},
): Promise<WorkerProcess> {
  warnWhenNotBuilt()
  const args = [
    ...(options.nodeArgs ?? []),
    CLI,
    'worker',
    '--queue',
    ...(options.queues ?? ['ingest']),
  ]
  const child = spawn(process.execPath, args, {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  await waitForLog(child, 'worker started')
  return {
    pid: child.pid!,
    peakRss: () => readPeakRss(child.pid!),
    async stop() {
      child.kill('SIGTERM')
      return exited
    },
  }
}

let warned = false

/** The CLI runs the compiled build only when it is current; otherwise the figures are tsx's. */
function warnWhenNotBuilt(): void {
  if (warned || isBuildCurrent()) return
  warned = true
  process.stderr.write(
    'bench: dist/ is not built from the current sources (npm run build): the workers run the ' +
      'TypeScript sources through tsx, which start slower and take ~50 MB more than a built install\n',
  )
}

/** Resolves at the first JSON log line whose msg is `message`; warnings and errors are echoed. */
function waitForLog(child: ChildProcess, message: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker did not log "${message}" in time`)),
      READY_TIMEOUT_MS,
    )
    child.once('exit', (code) =>
      reject(new Error(`worker exited with ${code} before "${message}"`)),
    )
    createInterface({ input: child.stderr! }).on('line', (line) => {
      let entry: { msg?: string; level?: number } = {}
      try {
        entry = JSON.parse(line) as typeof entry
      } catch {
        process.stderr.write(`worker: ${line}\n`)
      }
      if (entry.msg === message) {
        clearTimeout(timer)
        resolve()
      } else if ((entry.level ?? 0) >= 40) process.stderr.write(`worker: ${line}\n`)
    })
  })
}

async function readPeakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1]
  return kb ? Number(kb) * 1024 : NaN
}
