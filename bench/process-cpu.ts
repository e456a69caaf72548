import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { sql } from 'kysely'
import { createDb } from '../src/db/connect.js'

/** Clock ticks per second of /proc/<pid>/stat's times. */
const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100
const SAMPLE_MS = 250

/**
 * CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat: the same
 * figure as process.cpuUsage() inside it. Null once the process is gone.
 */
async function processCpuSeconds(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null)
  if (stat === null) return null
  // Fields after the command name, which is in parentheses and may hold spaces: state is 3rd.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS
}

export interface CpuMeter {
  /** CPU seconds used since the meter started. */
  stop(): Promise<number>
}

/** Meters the CPU of fixed processes (the workers) from now on. */
export async function meterProcesses(pids: readonly number[]): Promise<CpuMeter> {
  const start = await Promise.all(pids.map(processCpuSeconds))
  return {
    async stop() {
      const end = await Promise.all(pids.map(processCpuSeconds))
      return end.reduce<number>((sum, cpu, i) => sum + (cpu ?? 0) - (start[i] ?? 0), 0)
    },
  }
}

/**
 * Meters the CPU of every Postgres backend connected to the database of `databaseUrl` (the
 * workers' pools, autovacuum on it), except the meter's own. Backends come and go, so their list
 * is sampled every 250 ms; a backend that ends between samples loses its last moments.
 */
export async function meterDatabaseBackends(databaseUrl: string): Promise<CpuMeter> {
  const db = createDb(databaseUrl, { max: 1 })
  const first = new Map<number, number>()
  const last = new Map<number, number>()
  const sample = async (initial: boolean) => {
    const { rows } = await sql<{ pid: number }>`
      select pid from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`.execute(db)
    for (const { pid } of rows) {
      const cpu = await processCpuSeconds(pid)
      if (cpu === null) continue
      if (!first.has(pid)) first.set(pid, initial ? cpu : 0)
      last.set(pid, cpu)
    }
  }
  await sample(true)
  let sampling = Promise.resolve()
  const timer = setInterval(() => {
    sampling = sampling.then(() => sample(false)).catch(() => undefined)
  }, SAMPLE_MS)
  return {
    async stop() {
      clearInterval(timer)
      await sampling
      await sample(false)
      await db.destroy()
      let total = 0
      for (const [pid, cpu] of last) total += cpu - (first.get(pid) ?? 0)
      return total
    },
  }
}
