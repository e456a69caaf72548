import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { isBuildCurrent } from '../../bin/build-stamp.js'

/**
 * Node's arguments that start the CLI in tests: bin/dering.js while the compiled build is current
 * (as `npm ci` leaves it in CI), else the TypeScript sources through tsx, as `npm run dev` does,
 * so a test never runs old code and never needs a build after an edit.
 */
export const CLI_ARGS: readonly string[] = isBuildCurrent()
  ? [fileURLToPath(new URL('../../bin/dering.js', import.meta.url))]
  : ['--import', 'tsx', fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))]

/** The same for a process entrypoint of workers/: dist/workers/NAME.js, else workers/NAME.ts. */
export function entrypointArgs(name: 'ingest' | 'rollup' | 'scheduler'): readonly string[] {
  return isBuildCurrent()
    ? [fileURLToPath(new URL(`../../dist/workers/${name}.js`, import.meta.url))]
    : ['--import', 'tsx', fileURLToPath(new URL(`../../workers/${name}.ts`, import.meta.url))]
}

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
      process.execPath,
      [...CLI_ARGS, ...args],
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
