import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { runCli } from '../support/cli.js'

/** docker-compose.yml and the Dockerfile, read as Docker would (Docker itself is not needed). */
interface Service {
  build?: string
  image?: string
  entrypoint?: string[]
  command?: string[]
  environment?: Record<string, string>
  volumes?: string[]
  healthcheck?: { test: string[] }
  depends_on?: Record<string, { condition: string }>
}

const ROOT = new URL('../../', import.meta.url)
const compose = parse(readFileSync(new URL('docker-compose.yml', ROOT), 'utf8'), {
  merge: true,
}) as { services: Record<string, Service>; volumes: Record<string, unknown> }
const dockerfile = readFileSync(new URL('Dockerfile', ROOT), 'utf8')
const services = compose.services
const DERING = ['migrate', 'worker', 'rollup', 'scheduler', 'dashboard']
/** The long-running services run the process entrypoints of workers/; the others, CLI commands. */
const ENTRYPOINTS = { worker: 'ingest', rollup: 'rollup', scheduler: 'scheduler' } as const
const COMMANDS = ['migrate', 'dashboard']

describe('docker-compose.yml', () => {
  it('runs every dering service from the image the Dockerfile builds', () => {
    for (const name of DERING) {
      expect(services[name], name).toMatchObject({ build: '.', image: 'dering:local' })
    }
    // Multi-stage: compiled dist/ and production dependencies only, a non-root user, node as PID 1.
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2)
    expect(dockerfile).toMatch(/^RUN npm run build$/m)
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev/m)
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m)
    expect(dockerfile).toMatch(/^USER node$/m)
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "\/app\/dist\/src\/cli\/main\.js"\]$/m)
  })

  it('starts in dependency order: Postgres healthy → migrate done → workers, scheduler, dashboard', () => {
    expect(services.migrate?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } })
    for (const name of ['worker', 'rollup', 'scheduler', 'dashboard']) {
      expect(services[name]?.depends_on, name).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
      })
    }
    for (const service of Object.values(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect(Object.keys(services)).toContain(dependency)
      }
    }
  })

  it('checks real readiness: pg_isready over TCP, redis-cli ping, the dashboard /healthz', () => {
    expect(services.postgres?.healthcheck?.test).toEqual([
      'CMD',
      'pg_isready',
      '-h',
      '127.0.0.1',
      '-U',
      'postgres',
      '-d',
      'dering',
    ])
    expect(services.redis?.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping'])
    expect(services.dashboard?.healthcheck?.test.join(' ')).toContain('/healthz')
  })

  it('keeps data in named volumes and mounts the inbox and the spool where INBOX_DIR and SPOOL_DIR point', () => {
    expect(services.postgres?.volumes).toEqual(['postgres-data:/var/lib/postgresql/data'])
    expect(services.redis?.volumes).toEqual(['redis-data:/data'])
    expect(Object.keys(compose.volumes)).toEqual(['postgres-data', 'redis-data'])
    expect(services.worker?.volumes).toEqual([
      '${DERING_INBOX:-./inbox}:/inbox',
      '${DERING_SPOOL:-./spool}:/spool',
    ])
    expect(services.worker?.environment?.INBOX_DIR).toBe('/inbox')
    expect(services.worker?.environment?.SPOOL_DIR).toBe('/spool')
  })

  it('refuses to start without CUSTOMER_KEY_SECRET', () => {
    for (const name of DERING) {
      expect(services[name]?.environment?.CUSTOMER_KEY_SECRET, name).toMatch(
        /^\$\{CUSTOMER_KEY_SECRET:\?.+\}$/,
      )
    }
  })

  it('runs the workers/ entrypoints the image compiles', () => {
    for (const [name, entry] of Object.entries(ENTRYPOINTS)) {
      expect(services[name], name).toMatchObject({
        entrypoint: ['node', `/app/dist/workers/${entry}.js`],
        command: [],
      })
      expect(existsSync(new URL(`workers/${entry}.ts`, ROOT)), entry).toBe(true)
    }
  })

  it('runs dering commands and options that exist', async () => {
    for (const name of COMMANDS) {
      const [command, ...options] = services[name]?.command ?? []
      const help = await runCli([command!, '--help'])
      expect(help.code, name).toBe(0)
      expect(help.stdout).toContain(`Usage: dering ${command}`)
      for (const option of options.filter((o) => o.startsWith('--'))) {
        expect(help.stdout, `${name} ${option}`).toContain(option)
      }
    }
  })
})
