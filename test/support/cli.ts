import { execFile } from 'node:child_process'

const CLI = new URL('../../bin/dering.js', import.meta.url).pathname

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs `dering args…` as a subprocess, as an operator would, and returns whatever it exits with.
 * `env` is laid over this process's environment; a variable set to undefined is left out.
 */
export function runCli(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      'node',
      [CLI, ...args],
      {
        env: { ...process.env, ...env },
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

export const CLI_PATH = CLI
