import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { chownSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { createDb } from '../../src/db/connect.js'
import { migrateToLatest } from '../../src/db/migrator.js'
import { coerceError } from '../../src/errors.js'

const run = promisify(execFile)

export interface PrivatePostgres {
  /** URL of a migrated database `dering` on this server. */
  url: string
  /** Stops the server: `immediate` is a crash (no checkpoint, sessions cut), `fast` a clean stop. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>
  start(): Promise<void>
  /** Stops the server for good and deletes its data directory. */
  destroy(): Promise<void>
}

export interface PrivateRedis {
  url: string
  /** Stops the server (its append-only file keeps the queues, as a production Redis would). */
  stop(): Promise<void>
  start(): Promise<void>
  destroy(): Promise<void>
}

/** A free TCP port on loopback (the kernel's pick; released before the server binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/**
 * A Postgres cluster of its own (initdb into a temporary directory, a free port, trust auth,
 * no fsync), so a test can stop and restart it without disturbing any other test. initdb and
 * postgres refuse to run as root: as root they run as the `postgres` user.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dering-pg-'))
  const data = path.join(dir, 'data')
  const port = await freePort()
  const asRoot = userInfo().uid === 0
  if (asRoot) {
    chownSync(
      dir,
      Number((await run('id', ['-u', 'postgres'])).stdout),
      Number((await run('id', ['-g', 'postgres'])).stdout),
    )
  }
  const pgRun = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args)
  await pgRun('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
    '--locale=C',
  ])
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=50`
  const start = async () => {
    await pgRun('pg_ctl', [
      '-D',
      data,
      '-o',
      options,
      '-l',
      path.join(dir, 'log'),
      '-w',
      '-t',
      '60',
      'start',
    ])
  }
  await start()
  const server = `postgres://postgres@127.0.0.1:${port}`
  const admin = createDb(`${server}/postgres`, { max: 1 })
  await sql`create database dering`.execute(admin)
  await admin.destroy()
  const db = createDb(`${server}/dering`, { max: 1 })
  const { error } = await migrateToLatest(db)
  await db.destroy()
  if (error) throw coerceError(error)
  let running = true
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    if (!running) return
    await pgRun('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop'])
    running = false
  }
  return {
    url: `${server}/dering`,
    stop,
    async start() {
      await start()
      running = true
    },
    async destroy() {
      await stop('immediate').catch(() => undefined)
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** A Redis server of its own on a free port, with an append-only file in a temporary directory. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dering-redis-'))
  const port = await freePort()
  let child: ChildProcess | null = null
  const start = async () => {
    child = await spawnRedisServer([
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--maxmemory-policy',
      'noeviction',
    ])
  }
  const stop = async () => {
    const server = child
    if (!server || server.exitCode !== null) return
    child = null
    const exited = new Promise((resolve) => server.once('exit', resolve))
    server.kill('SIGTERM')
    await exited
  }
  await start()
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    async destroy() {
      await stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Starts `redis-server` with these arguments; resolves once it accepts connections. */
export async function spawnRedisServer(args: readonly string[]): Promise<ChildProcess> {
  const server = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve, reject) => {
    let output = ''
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) resolve()
    })
    server.once('exit', (code) =>
      reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`)),
    )
  })
  server.stdout.resume()
  return server
}
