import { randomBytes } from 'node:crypto'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createLogger } from '../../src/logger.js'
import type { IngestResult } from '../../src/queue/catalog.js'
import { createServices, type Services } from '../../src/services.js'
import { fixturePath } from '../adapters/run-adapter.js'
import { runCli } from '../support/cli.js'
import { useTestDatabase } from '../support/database.js'
import { startPrivateCluster, type PrivateCluster } from '../support/private-cluster.js'
import {
  clearIngested,
  committedRecords,
  countRows,
  importsOf,
  writeLargeExport,
} from './fault-probes.js'
import {
  startDeringProcess,
  startWorkerProcess,
  type DeringProcess,
} from '../support/dering-process.js'
import { waitFor } from './wait-for.js'

/**
 * dering against a real Redis Cluster of its own: three masters with a replica each on
 * loopback. Every process (CLI, workers, scheduler) is given seed nodes that do not serve the
 * queues' slot, so nothing works unless dering speaks the cluster protocol.
 */
describe('dering on a Redis Cluster', () => {
  const database = useTestDatabase()
  let cluster: PrivateCluster
  const processes: DeringProcess[] = []
  const opened: Services[] = []
  const dirs: string[] = []

  beforeAll(async () => {
    cluster = await startPrivateCluster()
  })
  afterAll(async () => {
    for (const child of processes) child.kill('SIGKILL')
    for (const services of opened) await services.close().catch(() => undefined)
    await cluster?.destroy()
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  })

  /** A hash-tagged prefix of the test's own, and settings whose seeds do not own its slot. */
  const clusterEnv = async (name: string, extra: Record<string, string> = {}) => {
    const prefix = `{dering-${name}-${randomBytes(3).toString('hex')}}`
    const owners = await cluster.ownersOf(`${prefix}:ingest:meta`)
    const seeds = cluster.members
      .map((m) => m.address)
      .filter((address) => address !== owners.master && !owners.replicas.includes(address))
    const env: Record<string, string> = {
      DATABASE_URL: database.url,
      // A node that answers MOVED for the queues' slot: used only if REDIS_CLUSTER_NODES is ignored.
      REDIS_URL: `redis://${seeds[0]}`,
      REDIS_CLUSTER_NODES: seeds.join(','),
      QUEUE_PREFIX: prefix,
      SPOOL_DIR: await tempDir(),
      LOG_LEVEL: 'warn',
      ...extra,
    }
    return { env, owners, seeds }
  }
  const servicesOf = (env: Record<string, string>) => {
    const config = loadConfig({}, env)
    const services = createServices(config, createLogger(config))
    opened.push(services)
    return services
  }
  const worker = async (env: Record<string, string>, queues = ['ingest', 'rollup']) => {
    const child = await startWorkerProcess(env, { queues })
    processes.push(child)
    return child
  }
  const tempDir = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dering-cluster-files-'))
    dirs.push(dir)
    return dir
  }

  it('a QUEUE_PREFIX without a hash tag stops at start (exit 2); no seed node answering is exit 3', async () => {
    const { env } = await clusterEnv('tagless')
    const [tagless, unreachable] = await Promise.all([
      runCli(['status'], { ...env, QUEUE_PREFIX: 'dering' }),
      runCli(['status'], { ...env, REDIS_CLUSTER_NODES: '127.0.0.1:1' }),
    ])
    expect(tagless.code).toBe(2)
    expect(tagless.stderr).toBe(
      'dering: QUEUE_PREFIX: on a Redis Cluster (REDIS_CLUSTER_NODES) it needs a hash tag so every queue key lands in one slot; set QUEUE_PREFIX={dering}\n',
    )
    expect(unreachable.code).toBe(3)
    expect(unreachable.stderr).toMatch(
      /^dering: cannot reach the Redis Cluster at 127\.0\.0\.1:\d+ \(REDIS_CLUSTER_NODES\)/,
    )
  })

  it('the WhatsApp sample end to end: ingest --wait, rollup, status, failed, and a corrected export', async () => {
    const { env } = await clusterEnv('e2e')
    const dir = await tempDir()
    const sample = path.join(dir, 'sociomile.csv')
    const broken = path.join(dir, 'sociomile-second.csv')
    await copyFile(fixturePath('whatsapp/sample-bom-semicolon.csv'), sample)
    await writeFile(broken, 'Channel;Created At\nWA;01/12/2021 10:00\n') // no Ticket ID column
    await worker(env)

    const ingest = await runCli(
      ['ingest', sample, broken, '--channel', 'whatsapp', '--wait', '--json'],
      env,
    )
    expect(ingest.stderr).toBe('')
    expect(ingest.code).toBe(1) // one file failed: no Ticket ID column
    const files = (JSON.parse(ingest.stdout) as { files: CliFile[] }).files
    expect(files.map((f) => [path.basename(f.path), f.status])).toEqual([
      ['sociomile.csv', 'ingested'],
      ['sociomile-second.csv', 'failed'],
    ])
    const ingested = files[0]!.result!
    expect(ingested.inserted).toBeGreaterThan(0)
    expect(ingested.read).toBe(
      ingested.inserted +
        ingested.updated +
        ingested.unchanged +
        ingested.skipped +
        ingested.rejected,
    )
    expect(files[1]!.error).toMatch(/missing required column "Ticket ID"/)

    const rollup = await runCli(['rollup', '--json'], env)
    expect(rollup.code).toBe(0)
    expect((JSON.parse(rollup.stdout) as { months: string[] }).months.length).toBeGreaterThan(0)

    const status = await runCli(['status', '--json'], env)
    expect(status.code).toBe(0)
    const queues = (JSON.parse(status.stdout) as { queues: { queue: string }[] }).queues
    expect(queues.find((q) => q.queue === 'ingest')).toMatchObject({ completed: 1, failed: 1 })

    const failed = await runCli(['failed', '--json'], env)
    const failedJobs = (JSON.parse(failed.stdout) as { jobs: { id: string; file: string }[] }).jobs
    expect(failedJobs.map((j) => [j.id, j.file])).toEqual([[files[1]!.jobId, broken]])

    // The export is corrected under the same name: it loads and the failed job is superseded.
    await copyFile(fixturePath('whatsapp/day-first-dates.csv'), broken)
    const fixed = await runCli(['ingest', broken, '--channel', 'whatsapp', '--wait', '--json'], env)
    expect(fixed.code).toBe(0)
    const [corrected] = (JSON.parse(fixed.stdout) as { files: CliFile[] }).files
    expect(corrected?.result?.superseded).toEqual([files[1]!.jobId])
    // One worker takes both files of the first ingest at once: their imports start in either order.
    const imports = (await importsOf(database.db)).map((i) => [path.basename(i.path), i.status])
    const importsOfFile = (name: string) => imports.filter(([file]) => file === name)
    expect(importsOfFile('sociomile.csv')).toEqual([['sociomile.csv', 'succeeded']])
    expect(importsOfFile('sociomile-second.csv')).toEqual([
      ['sociomile-second.csv', 'failed'],
      ['sociomile-second.csv', 'succeeded'],
    ])
    expect((await runCli(['failed', '--json'], env)).stdout).toMatch(/"jobs": \[\]/)
    await clearIngested(database.db)
  })

  it('a scheduler and two workers keep one schedule each and process each job once; eviction is checked on every master', async () => {
    const inbox = await tempDir()
    const { env, owners } = await clusterEnv('schedule', {
      INBOX_DIR: inbox,
      INBOX_SETTLE_MS: '1',
      SCAN_CRON: '* * * * * *', // every second
    })
    // One master that does not hold the queues evicts keys: a resharding could move them there.
    const evicting = cluster.members
      .map((m) => m.address)
      .find((a) => a !== owners.master && !owners.replicas.includes(a))!
    const [role] = (await cluster.node(evicting).role()) as [string]
    expect(role).toBe('master')
    await cluster.node(evicting).config('SET', 'maxmemory-policy', 'allkeys-lru')
    await mkdir(path.join(inbox, 'whatsapp'))
    await copyFile(
      fixturePath('whatsapp/sample-bom-semicolon.csv'),
      path.join(inbox, 'whatsapp', 'sociomile.csv'),
    )
    const queues = ['ingest', 'rollup', 'scan']
    const workers = [await worker(env, queues), await worker(env, queues)]
    const scheduler = await startDeringProcess(['scheduler'], {
      env,
      startedMessage: 'scheduler running',
    })
    processes.push(scheduler)

    const services = servicesOf(env)
    await waitFor(
      'the inbox file ingested and five scans done',
      async () => {
        const imports = await importsOf(database.db)
        const scans = await services.queues.scan.getJobCounts('completed')
        return imports[0]?.status === 'succeeded' && (scans.completed ?? 0) >= 5
      },
      90_000,
    )
    for (const child of [scheduler, ...workers]) child.kill('SIGTERM')
    expect(await Promise.all([scheduler, ...workers].map((c) => c.exited))).toEqual([0, 0, 0])

    const schedulers = [
      ...(await services.queues.scan.getJobSchedulers()),
      ...(await services.queues.rollup.getJobSchedulers()),
    ]
    expect(schedulers.map((s) => s.key).sort()).toEqual(['inbox-scan', 'nightly-rollup'])
    const scans = await services.queues.scan.getJobs(['completed', 'failed', 'active', 'wait'])
    expect(scans.length).toBeGreaterThanOrEqual(5)
    expect(scans.map((job) => [job.finishedOn !== undefined, job.attemptsStarted])).toEqual(
      scans.map(() => [true, 1]),
    )
    const ingests = await services.queues.ingest.getJobs(['completed', 'failed', 'active', 'wait'])
    expect(ingests.map((job) => [job.finishedOn !== undefined, job.attemptsStarted])).toEqual([
      [true, 1],
    ])
    const imports = await importsOf(database.db)
    expect(imports).toHaveLength(1)
    expect(await countRows(database.db, 'ticket')).toBe(imports[0]!.inserted)

    for (const child of workers) {
      const warnings = (child.logs as { msg?: string; server?: string }[]).filter((line) =>
        line.msg?.includes('maxmemory-policy'),
      )
      expect(warnings.map((w) => w.server)).toEqual([evicting])
    }
    await cluster.node(evicting).config('SET', 'maxmemory-policy', 'noeviction')
    await clearIngested(database.db)
  }, 180_000)

  it('failover mid-ingest: the master of the queues is killed, its replica takes over, counts are exact', async () => {
    const tickets = 20_000
    const { env, owners } = await clusterEnv('failover', { BATCH_SIZE: '200' })
    const file = await writeLargeExport(tickets)
    const ingestWorker = await worker(env, ['ingest'])
    const started = Date.now()
    const at = () => `${((Date.now() - started) / 1000).toFixed(1)}s`
    const timeline: string[] = []
    const ingest = runCli(['ingest', file.path, '--channel', 'whatsapp', '--wait', '--json'], env, {
      timeoutMs: 120_000, // the test's own limit: the failover alone takes tens of seconds
    })
    await waitFor(
      'a few committed batches',
      async () => (await committedRecords(database.db)) >= 2_000,
    )

    const committedAtKill = await committedRecords(database.db)
    await cluster.kill(owners.master, 'SIGKILL')
    timeline.push(
      `${at()} SIGKILL ${owners.master} (master of slot ${owners.slot}), ${committedAtKill} records committed`,
    )
    await cluster.waitForPromotion(owners.replicas[0]!)
    timeline.push(`${at()} ${owners.replicas[0]} promoted to master`)
    const result = await ingest
    timeline.push(`${at()} ingest --wait returned with exit code ${result.code}`)

    const connectionLog = (ingestWorker.logs as { msg?: string; time?: number }[]).filter((line) =>
      /^redis (connected|connection|unreachable)/.test(line.msg ?? ''),
    )
    const connectionLines = connectionLog.map((line) => line.msg)
    timeline.push(
      ...connectionLog.map(
        (line) => `${(((line.time ?? 0) - started) / 1000).toFixed(1)}s worker: ${line.msg}`,
      ),
    )
    const [outcome] = (JSON.parse(result.stdout) as { files: CliFile[] }).files
    const [imported] = await importsOf(database.db)
    const counts = {
      read: outcome?.result?.read,
      inserted: outcome?.result?.inserted,
      updated: outcome?.result?.updated,
      tickets: await countRows(database.db, 'ticket'),
      ticketSources: await countRows(database.db, 'ticket_source'),
    }
    console.log(
      [
        'failover timeline:',
        ...timeline.sort((a, b) => parseFloat(a) - parseFloat(b)),
        `counts: ${JSON.stringify(counts)}`,
      ].join('\n  '),
    )

    expect(result.code).toBe(0)
    expect(outcome?.status).toBe('ingested')
    expect(counts).toEqual({
      read: tickets,
      inserted: tickets,
      updated: 0,
      tickets,
      ticketSources: tickets,
    })
    expect(imported).toMatchObject({
      status: 'succeeded',
      records_read: tickets,
      inserted: tickets,
    })
    expect(connectionLines).toEqual([
      'redis connected',
      expect.stringMatching(
        new RegExp(
          `^redis connection lost \\(node ${owners.master}: .*\\); retrying with backoff$`,
        ),
      ),
      'redis connection restored',
    ])
  })
})

interface CliFile {
  path: string
  jobId: string
  status: string
  error?: string
  result?: IngestResult
}
