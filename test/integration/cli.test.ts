import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { fixturePath } from '../adapters/run-adapter.js'
import { runCli } from '../support/cli.js'
import { useTestServices } from '../support/services.js'

/** The CLI as a user runs it: a subprocess, its exit codes and its --json shapes. */
describe('dering CLI', () => {
  const t = useTestServices()
  const dering = (args: string[], env: Record<string, string> = {}) =>
    runCli(args, { ...t.env(), ...env })
  beforeAll(() => t.startWorker('ingest'))

  it('migrate is a no-op on a migrated database', async () => {
    const { stdout } = await dering(['migrate', '--json'])
    expect(JSON.parse(stdout)).toEqual({ databaseCreated: false, applied: [], error: null })
  })

  it('a bad setting stops the command at start with one line and exit code 2', async () => {
    const failure = await dering(['status'], { DATABASE_URL: 'mysql://nope' })
    expect(failure.code).toBe(2)
    expect(failure.stderr).toBe('dering: DATABASE_URL: expected a postgres:// URL\n')
  })

  it('an unreachable Redis is exit code 3 with a hint', async () => {
    const failure = await dering(['status'], { REDIS_URL: 'redis://127.0.0.1:1' })
    expect(failure.code).toBe(3)
    expect(failure.stderr).toMatch(/^dering: cannot reach Redis at 127.0.0.1:1 \(REDIS_URL\)/)
  })

  it('ingest --wait --json prints the counts per file; status --json shows the import', async () => {
    const { stdout } = await dering(['ingest', fixturePath('phone/sample.cdr'), '--wait', '--json'])
    expect(JSON.parse(stdout)).toMatchObject({
      files: [
        {
          channel: 'phone',
          status: 'ingested',
          enqueue: 'queued',
          jobId: expect.stringMatching(/^phone-[0-9a-f]{64}$/),
          result: {
            read: 4,
            inserted: 3,
            skipped: 1,
            rejected: 0,
            skippedByReason: { 'outgoing call': 1 },
          },
        },
      ],
    })
    const status = JSON.parse((await dering(['status', '--json'])).stdout) as {
      queues: { queue: string; completed: number }[]
      imports: {
        channel: string
        status: string
        read: number
        skippedByReason: Record<string, number>
      }[]
    }
    expect(status.queues.find((q) => q.queue === 'ingest')).toMatchObject({ completed: 1 })
    expect(status.imports[0]).toMatchObject({ channel: 'phone', status: 'succeeded', read: 4 })
  })

  it('ingest exits 1 when a file fails, naming it and what to do next', async () => {
    const failure = await dering([
      'ingest',
      fixturePath('phone/cms-missing-disposition.csv'),
      '--channel',
      'phone',
      '--wait',
    ])
    expect(failure.code).toBe(1)
    expect(failure.stdout).toMatch(
      /failed: .*cms-missing-disposition\.csv: .*disposition"\n {2}correct the export and ingest the corrected file; then dismiss this job: dering discard phone-/,
    )
  })

  it("sample writes every channel's exports and refuses to mix them with an earlier sample", async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'dering-sample-'))
    const { stdout } = await dering(['sample', '--out', out, '--json'])
    const manifest = JSON.parse(stdout) as {
      files: { channel: string }[]
      documents: Record<string, number>
    }
    expect(new Set(manifest.files.map((f) => f.channel))).toEqual(
      new Set(['whatsapp', 'phone', 'email', 'hai_kemenkeu', 'livechat']),
    )
    expect(Object.values(manifest.documents).reduce((a, b) => a + b, 0)).toBe(16_222)
    const again = await dering(['sample', '--out', out])
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('already holds files') })
  })

  it('rejects an unknown channel with a usage error', async () => {
    const failure = await dering(['ingest', fixturePath('phone/sample.cdr'), '--channel', 'fax'])
    expect(failure.code).not.toBe(0)
    expect(failure.stderr).toMatch(/expected one of whatsapp, phone, email, hai_kemenkeu, livechat/)
  })
})
