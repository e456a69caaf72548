import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { findChromium } from '../../src/cli/find-chromium.js'
import { loadConfig } from '../../src/config.js'
import { startDashboard, type RunningDashboard } from '../../src/dashboard/start-dashboard.js'
import { ConfigError } from '../../src/errors.js'
import { createLogger } from '../../src/logger.js'
import { CHROMIUM_ARGS } from '../../src/report/print-pdf.js'
import { createServices, type Services } from '../../src/services.js'
import { fixturePath } from '../adapters/run-adapter.js'
import { ingestAndWait } from '../support/ingest.js'
import { useTestServices } from '../support/services.js'

const chromiumPath = findOrInstallChromium()

describe('dering dashboard', () => {
  const t = useTestServices({ DASHBOARD_PORT: 0 })
  let dashboard: RunningDashboard
  const opened: { close(): Promise<void> }[] = []
  beforeAll(async () => {
    await t.startWorker('ingest')
    await t.startWorker('rollup')
    dashboard = await startDashboard(t.services, { readOnly: false })
    opened.push(dashboard)
    await ingestAndWait(t.services, 'whatsapp', [fixturePath('whatsapp/sample-bom-semicolon.csv')])
    await waitFor(
      async () => (await t.services.queues.rollup.getJobCounts('completed')).completed! > 0,
    )
  })
  afterAll(async () => {
    for (const item of opened.reverse()) await item.close()
  })
  const origin = () => new URL(dashboard.url).origin

  /** A second dashboard with its own settings (and services, when they differ), closed after the file. */
  const startAnother = async (overrides: Parameters<typeof loadConfig>[1], readOnly = false) => {
    const config = loadConfig(
      {},
      { ...t.services.config, DASHBOARD_PORT: 0, LOG_LEVEL: 'silent', ...overrides },
    )
    const services: Services = createServices(config, createLogger(config))
    opened.push(services)
    const started = await startDashboard(services, { readOnly })
    opened.push(started)
    return started
  }

  it('reports Postgres and Redis reachable and the last ingest and rollup on /healthz', async () => {
    const response = await fetch(`${origin()}/healthz`)
    expect(response.status).toBe(200)
    const health = (await response.json()) as Record<string, unknown>
    expect(health).toMatchObject({ status: 'ok', postgres: { ok: true }, redis: { ok: true } })
    for (const key of ['lastIngest', 'lastRollup']) {
      expect(Date.now() - Date.parse(health[key] as string)).toBeLessThan(60_000)
    }
  })

  it('answers 503 on /healthz when Postgres cannot be reached', async () => {
    const unreachable = new URL(inject('databaseUrl'))
    unreachable.port = '1'
    const broken = await startAnother({ DATABASE_URL: unreachable.toString() })
    const response = await fetch(`${new URL(broken.url).origin}/healthz`)
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({
      status: 'unavailable',
      postgres: { ok: false, error: expect.any(String) as unknown },
      redis: { ok: true },
      lastIngest: null,
    })
  })

  it('serves Prometheus metrics: queue counts from BullMQ, imports, records and rejects', async () => {
    const response = await fetch(`${origin()}/metrics`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/plain')
    const text = await response.text()
    const lines = text.split('\n')
    expect(lines).toContain('bullmq_job_count{queue="ingest", state="completed"} 1')
    expect(lines).toContain('bullmq_job_count{queue="scan", state="failed"} 0')
    expect(lines).toContain('bullmq_job_completed_total{queue="ingest"} 1')
    expect(lines).toContain('dering_imports{channel="whatsapp",status="succeeded"} 1')
    expect(lines).toContain('dering_import_records{channel="whatsapp",outcome="inserted"} 3')
    expect(lines).toContain('dering_tickets{channel="whatsapp"} 3')
    expect(
      lines.some((line) => line.startsWith('dering_last_success_timestamp_seconds{job="rollup"} ')),
    ).toBe(true)
    // Each family once, as Prometheus requires, although BullMQ exports every queue on its own.
    const types = lines.filter((line) => line.startsWith('# TYPE '))
    expect(new Set(types).size).toBe(types.length)
    expect(types).toContain('# TYPE dering_rejects gauge')
  })

  it('refuses to listen beyond loopback without credentials', async () => {
    await expect(startAnother({ DASHBOARD_HOST: '0.0.0.0' })).rejects.toThrow(ConfigError)
    await expect(
      startAnother({ DASHBOARD_HOST: '0.0.0.0', DASHBOARD_USER: 'operator' }),
    ).rejects.toThrow('DASHBOARD_PASSWORD: set both or neither')
  })

  it('requires basic auth beyond loopback for the board and metrics, not for /healthz', async () => {
    const guarded = await startAnother({
      DASHBOARD_HOST: '0.0.0.0',
      DASHBOARD_USER: 'operator',
      DASHBOARD_PASSWORD: 'correct horse',
    })
    const base = `http://127.0.0.1:${guarded.port}`
    const basic = (user: string, password: string) => ({
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    })
    for (const path of ['/queues', '/queues/api/queues', '/metrics']) {
      const response = await fetch(`${base}${path}`)
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="dering", charset="UTF-8"')
      expect((await fetch(`${base}${path}`, { headers: basic('operator', 'wrong') })).status).toBe(
        401,
      )
      expect(
        (await fetch(`${base}${path}`, { headers: basic('operator', 'correct horse') })).status,
      ).toBe(200)
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200)
  })

  it('serves every queue read-only when asked', async () => {
    const readOnly = await startAnother({}, true)
    const response = await fetch(`${new URL(readOnly.url).origin}/queues/api/queues`)
    const body = (await response.json()) as { queues: { name: string; readOnlyMode: boolean }[] }
    expect(body.queues.map((q) => [q.name, q.readOnlyMode])).toEqual([
      ['ingest', true],
      ['rollup', true],
      ['scan', true],
    ])
  })

  describe.skipIf(!chromiumPath)('in a browser', () => {
    let browser: Browser
    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: chromiumPath!,
        args: [...CHROMIUM_ARGS, '--no-first-run'],
      })
    })
    afterAll(() => browser?.close())

    it('shows Bull Board with every queue', async () => {
      const page = await browser.newPage()
      await page.goto(`${origin()}/`)
      expect(new URL(page.url()).pathname).toBe('/queues')
      for (const name of ['ingest', 'rollup', 'scan']) {
        await page.getByRole('link', { name, exact: false }).first().waitFor({ timeout: 15_000 })
      }
      const text = await page.locator('body').innerText()
      expect(text).toContain('dering')
      // DASHBOARD_SCREENSHOT=board.png keeps a picture of what the test saw.
      if (process.env.DASHBOARD_SCREENSHOT) {
        await page.screenshot({ path: process.env.DASHBOARD_SCREENSHOT })
      }
      await page.close()
    })
  })
})

/**
 * The Chromium `dering report` would print with drives the browser test; when there is none and
 * this is a root Debian machine (CI), Debian's chromium is installed. Only when neither works is the browser test skipped.
 */
function findOrInstallChromium(): string | null {
  const found = () => {
    const lookup = findChromium(process.env)
    return 'path' in lookup ? lookup.path : null
  }
  if (found()) return found()
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    const install =
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'
    spawnSync('sh', ['-c', install], { stdio: 'ignore', timeout: 600_000 })
    if (found()) return found()
  }
  console.warn(
    'dashboard browser test skipped: chromium is not installed and could not be installed (apt-get install chromium)',
  )
  return null
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
