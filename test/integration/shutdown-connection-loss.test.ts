import net, { type AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { enqueueFromPath } from '../../src/jobs/enqueue-from-path.js'
import { startWorker, type RunningWorker } from '../../src/jobs/workers.js'
import { createServices, type Services } from '../../src/services.js'
import { fixturePath } from '../adapters/run-adapter.js'
import { useTestServices } from '../support/services.js'

/**
 * A worker reaches Redis and Postgres through TCP proxies the test can cut and restore: a real
 * outage of each, without stopping the servers other test files use.
 */
describe('a worker that loses Redis or Postgres', () => {
  const t = useTestServices()
  const redisProxy = createProxy()
  const postgresProxy = createProxy()
  const lines: string[] = []
  let services: Services
  let worker: RunningWorker

  beforeAll(async () => {
    const redisUrl = new URL(t.services.config.REDIS_URL)
    const databaseUrl = new URL(t.services.config.DATABASE_URL)
    await redisProxy.start(redisUrl.hostname, Number(redisUrl.port || 6379))
    await postgresProxy.start(databaseUrl.hostname, Number(databaseUrl.port || 5432))
    redisUrl.host = `127.0.0.1:${redisProxy.port()}`
    databaseUrl.host = `127.0.0.1:${postgresProxy.port()}`
    const config = loadConfig(
      {},
      {
        ...t.services.config,
        REDIS_URL: redisUrl.toString(),
        DATABASE_URL: databaseUrl.toString(),
      },
    )
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean))
        done()
      },
    })
    services = createServices(config, pino({ level: 'info' }, sink))
    worker = await startWorker(services, 'ingest', 1)
  })
  afterAll(async () => {
    await worker?.close()
    await services?.close()
    await redisProxy.stop()
    await postgresProxy.stop()
  })

  const messages = () => lines.map((line) => (JSON.parse(line) as { msg: string }).msg)
  const count = (message: string) => messages().filter((m) => m.startsWith(message)).length

  it('logs that both are connected', async () => {
    await waitFor(() => count('redis connected') === 1 && count('postgres connected') === 1)
  })

  it('logs one line when Redis is lost and one when it is back, however many reconnects it took', async () => {
    await redisProxy.stop()
    await waitFor(() => count('redis connection lost') === 1)
    await sleep(2_500)
    await redisProxy.restart()
    await waitFor(() => count('redis connection restored') === 1, 30_000)
    expect(count('redis connection lost')).toBe(1)
    expect(messages().filter((m) => m.startsWith('redis'))).toEqual([
      'redis connected',
      expect.stringMatching(/^redis connection lost \(.+\); retrying with backoff$/) as unknown,
      'redis connection restored',
    ])
  })

  it('keeps retrying a job while Postgres is away, logging the loss and the return once', async () => {
    await postgresProxy.stop()
    const file = fixturePath('whatsapp/sample-bom-semicolon.csv')
    const { jobId } = await enqueueFromPath(t.services, { channel: 'whatsapp', path: file })
    await waitFor(() => count('postgres connection lost') === 1)
    await sleep(2_500)
    await postgresProxy.restart()
    await waitFor(() => count('postgres connection restored') === 1, 30_000)
    await waitFor(
      async () => (await t.services.queues.ingest.getJobState(jobId)) === 'completed',
      30_000,
    )
    expect(messages().filter((m) => m.startsWith('postgres'))).toEqual([
      'postgres connected',
      expect.stringMatching(/^postgres connection lost \(.+\); retrying with backoff$/) as unknown,
      'postgres connection restored',
    ])
    expect(count('worker error')).toBe(0)
  })
})

/** A TCP proxy that can drop every connection and refuse new ones, then listen again on its port. */
function createProxy() {
  let server: net.Server | undefined
  let target = { host: '', port: 0 }
  let port = 0
  const sockets = new Set<net.Socket>()
  const listen = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(target.port, target.host)
      for (const socket of [client, upstream]) {
        sockets.add(socket)
        socket.on('error', () => undefined)
        socket.on('close', () => {
          sockets.delete(socket)
          client.destroy()
          upstream.destroy()
        })
      }
      client.pipe(upstream).pipe(client)
    })
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject)
      server!.listen(port, '127.0.0.1', () => resolve())
    })
    port = (server.address() as AddressInfo).port
  }
  return {
    port: () => port,
    async start(host: string, targetPort: number) {
      target = { host, port: targetPort }
      await listen()
    },
    restart: listen,
    async stop() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
      server = undefined
    },
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await sleep(50)
  }
}
