import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { CLI_ARGS, entrypointArgs } from './cli.js'

const START_TIMEOUT_MS = 60_000

interface LogLine {
  msg?: string
  level?: number
  [field: string]: unknown
}

export interface DeringProcess {
  pid: number
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>
  /** Every log line so far, parsed from JSON (a line that is not JSON is kept as its `msg`). */
  logs: LogLine[]
  kill(signal: NodeJS.Signals): void
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>
  /** Peak resident memory so far (VmHWM), in bytes. */
  peakRss(): Promise<number>
}

export interface DeringProcessOptions {
  /** Laid over this process's environment; LOG_LEVEL is info, so the start can be recognized. */
  env: Record<string, string>
  /** The log line that says the process is ready. */
  startedMessage: string
  /** Node flags before the CLI, e.g. `--cpu-prof`. */
  nodeArgs?: readonly string[]
  /** Echo warnings and errors (level 40 and up) and lines that are not JSON to stderr. */
  echoWarnings?: boolean
}

/**
 * `dering worker`, as production runs it: a process of its own (so it can be killed and
 * measured), resolved once it logs that it started.
 */
export function startWorkerProcess(
  env: Record<string, string>,
  options: {
    queues?: readonly string[]
    nodeArgs?: readonly string[]
    echoWarnings?: boolean
  } = {},
): Promise<DeringProcess> {
  return startDeringProcess(['worker', '--queue', ...(options.queues ?? ['ingest'])], {
    env,
    startedMessage: 'worker started',
    nodeArgs: options.nodeArgs,
    echoWarnings: options.echoWarnings,
  })
}

/** A long-running dering command (worker, scheduler), resolved once it logs `startedMessage`. */
export function startDeringProcess(
  args: readonly string[],
  options: DeringProcessOptions,
): Promise<DeringProcess> {
  return startProcess([...CLI_ARGS, ...args], args[0] ?? 'dering', options)
}

/** A process entrypoint of workers/ (what the image runs), resolved once it logs `startedMessage`. */
export function startEntrypointProcess(
  name: 'ingest' | 'rollup' | 'scheduler',
  options: DeringProcessOptions,
): Promise<DeringProcess> {
  return startProcess(entrypointArgs(name), `workers/${name}`, options)
}

async function startProcess(
  moduleArgs: readonly string[],
  label: string,
  options: DeringProcessOptions,
): Promise<DeringProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...moduleArgs], {
    env: { ...process.env, ...options.env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const logs: LogLine[] = []
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  const started = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stderr }).on('line', (line) => {
      const entry = parseLogLine(line)
      logs.push(entry)
      if (options.echoWarnings && (entry.level === undefined || entry.level >= 40)) {
        process.stderr.write(`${label}: ${line}\n`)
      }
      if (entry.msg === options.startedMessage) resolve()
    })
    void exited.then((code) =>
      reject(
        new Error(
          `${label} exited with ${code} before starting: ${JSON.stringify(logs.slice(-5))}`,
        ),
      ),
    )
  })
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${label} did not start in ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    )
  })
  await Promise.race([started, timeout]).finally(() => clearTimeout(timer))
  const pid = child.pid!
  return {
    pid,
    exited,
    logs,
    kill: (signal) => child.kill(signal),
    stop: () => {
      child.kill('SIGTERM')
      return exited
    },
    peakRss: () => readPeakRss(pid),
  }
}

function parseLogLine(line: string): LogLine {
  try {
    return JSON.parse(line) as LogLine
  } catch {
    return { msg: line }
  }
}

async function readPeakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1]
  return kb ? Number(kb) * 1024 : NaN
}
