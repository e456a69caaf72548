import { request as httpRequest } from 'node:http'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { LoginThrottle } from '../../src/dashboard/login-throttle.js'
import { hostNameOf } from '../../src/dashboard/require-allowed-host.js'
import { startDashboard, type RunningDashboard } from '../../src/dashboard/start-dashboard.js'
import { createLogger } from '../../src/logger.js'
import { createServices, type Services } from '../../src/services.js'
import { useTestServices } from '../support/services.js'

/** The dashboard as a hostile browser page or neighbour meets it (issue: loopback is no boundary). */
describe('dering dashboard against hostile browsers', () => {
  const t = useTestServices({ DASHBOARD_PORT: 0, LOG_LEVEL: 'silent' })
  const opened: { close(): Promise<void> }[] = []
  afterAll(async () => {
    for (const item of opened.reverse()) await item.close()
  })
  const start = async (overrides: Parameters<typeof loadConfig>[1] = {}) => {
    const config = loadConfig({}, { ...t.services.config, ...overrides })
    const services: Services = createServices(config, createLogger(config))
    opened.push(services)
    const started = await startDashboard(services, { readOnly: false })
    opened.push(started)
    return started
  }
  const guarded = { DASHBOARD_USER: 'operator', DASHBOARD_PASSWORD: 'correct horse' }
  const basic = (password: string) => ({
    authorization: `Basic ${Buffer.from(`operator:${password}`).toString('base64')}`,
  })
  const scanJobs = () => t.services.queues.scan.getJobCountByTypes('waiting', 'delayed')

  it('answers 421 to a DNS-rebinding page: a Host that is not one of its names', async () => {
    const board = await start()
    for (const path of ['/healthz', '/queues/api/queues', '/metrics']) {
      const rebound = await send(board, path, {
        headers: { host: `attacker.example:${board.port}` },
      })
      expect(rebound.status).toBe(421)
      expect(rebound.body).not.toContain('ingest')
    }
    for (const host of [`127.0.0.1:${board.port}`, `localhost:${board.port}`, 'LOCALHOST.']) {
      expect((await send(board, '/queues/api/queues', { headers: { host } })).status).toBe(200)
    }
  })

  it('answers to the names of DASHBOARD_ALLOWED_HOSTS, e.g. behind a reverse proxy', async () => {
    const board = await start({ DASHBOARD_ALLOWED_HOSTS: 'dering.example, stats.example' })
    const host = 'dering.example'
    expect((await send(board, '/healthz', { headers: { host } })).status).toBe(200)
    expect((await send(board, '/healthz', { headers: { host: 'evil.example' } })).status).toBe(421)
  })

  it('is read-only without credentials: no page or script can add a job on loopback', async () => {
    const board = await start()
    const list = JSON.parse((await send(board, '/queues/api/queues')).body) as {
      queues: { readOnlyMode: boolean }[]
    }
    expect(list.queues.map((q) => q.readOnlyMode)).toEqual([true, true, true])
    const before = await scanJobs()
    const added = await send(board, '/queues/api/queues/scan/add', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ name: 'scan', data: {} }),
    })
    expect(added.status).toBe(405)
    expect(await scanJobs()).toBe(before)
  })

  it('refuses a cross-site text/plain POST (CSRF) even with the browser’s cached credentials', async () => {
    const board = await start(guarded)
    const before = await scanJobs()
    const payload = JSON.stringify({ name: 'scan', data: { path: '/etc/passwd' } })
    const attempts: Record<string, string>[] = [
      { origin: 'http://attacker.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'http://attacker.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site' },
      {},
    ]
    for (const headers of attempts) {
      const response = await send(board, '/queues/api/queues/scan/add', {
        method: 'POST',
        headers: { ...basic('correct horse'), 'content-type': 'text/plain', ...headers },
        body: payload,
      })
      expect(response.status, JSON.stringify(headers)).toBe(403)
    }
    expect(await scanJobs()).toBe(before)

    // The board's own page (same origin) and scripts with the custom header still may.
    const origin = `http://127.0.0.1:${board.port}`
    const allowed: Record<string, string>[] = [
      { 'sec-fetch-site': 'same-origin', origin },
      { origin },
      { 'x-requested-with': 'dering' },
    ]
    for (const headers of allowed) {
      const response = await send(board, '/queues/api/queues/scan/add', {
        method: 'POST',
        headers: { ...basic('correct horse'), 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'probe', data: {} }),
      })
      expect(response.status, JSON.stringify(headers)).toBe(200)
    }
    expect(await scanJobs()).toBe(before + 3)
    await t.services.queues.scan.drain()
  })

  it('throttles wrong passwords per client: 429 with Retry-After, the right one too, until the wait is over', async () => {
    const board = await start(guarded)
    for (let i = 0; i < 6; i++) {
      expect((await send(board, '/metrics', { headers: basic(`guess-${i}`) })).status).toBe(401)
    }
    const locked = await send(board, '/metrics', { headers: basic('correct horse') })
    expect(locked.status).toBe(429)
    expect(locked.headers['retry-after']).toBe('1')
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    expect((await send(board, '/metrics', { headers: basic('correct horse') })).status).toBe(200)
    expect((await send(board, '/metrics', { headers: basic('wrong again') })).status).toBe(401)
  })

  it('shows no internal error text on /healthz when Postgres is unreachable', async () => {
    const unreachable = new URL(inject('databaseUrl'))
    unreachable.port = '1'
    const board = await start({ DATABASE_URL: unreachable.toString() })
    const response = await send(board, '/healthz')
    expect(response.status).toBe(503)
    expect(JSON.parse(response.body)).toMatchObject({
      status: 'unavailable',
      postgres: { ok: false, error: 'unavailable' },
      redis: { ok: true },
    })
    expect(response.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:1\b|postgres:\/\/|role/i)
  })
})

describe('LoginThrottle', () => {
  it('doubles the wait after five failures, caps it at 15 minutes and forgets after success', () => {
    let now = 0
    const throttle = new LoginThrottle(() => now)
    for (let i = 0; i < 5; i++) throttle.fail('a')
    expect(throttle.waitMs('a')).toBe(0)
    const waits: number[] = []
    for (let i = 0; i < 14; i++) {
      throttle.fail('a')
      waits.push(throttle.waitMs('a'))
      now += throttle.waitMs('a')
    }
    expect(waits.slice(0, 4)).toEqual([1_000, 2_000, 4_000, 8_000])
    expect(waits.at(-1)).toBe(15 * 60_000)
    expect(throttle.waitMs('b')).toBe(0)
    throttle.succeed('a')
    expect(throttle.waitMs('a')).toBe(0)
  })
})

describe('hostNameOf', () => {
  it('takes the name without port, IPv6 brackets, case or final dot, and refuses junk', () => {
    expect(hostNameOf('LocalHost.:3000')).toBe('localhost')
    expect(hostNameOf('[::1]:3000')).toBe('::1')
    expect(hostNameOf('127.0.0.1')).toBe('127.0.0.1')
    for (const junk of [undefined, '', 'a b', 'evil.example@127.0.0.1', '[::1', 'x:y:z']) {
      expect(hostNameOf(junk)).toBeNull()
    }
  })
})

interface Sent {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw HTTP request, so the Host header can be what a rebinding page's browser sends. */
function send(
  board: RunningDashboard,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: board.port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${board.port}`, ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    request.on('error', reject)
    request.end(options.body)
  })
}
