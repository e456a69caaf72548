import { describe, expect, it } from 'vitest'
import { fixturePath } from '../adapters/run-adapter.js'
import { runCli } from '../support/cli.js'
import { useTestServices } from '../support/services.js'

/** Every usage error of every command exits 2; README.md's exit codes, through the CLI. */
const USAGE_ERRORS: [string, string[]][] = [
  ['an unknown command', ['frobnicate']],
  ['no command at all', []],
  ['help for an unknown command', ['help', 'frobnicate']],
  ['migrate: an unknown option', ['migrate', '--bogus']],
  ['ingest: no paths', ['ingest']],
  ['ingest: an unknown channel', ['ingest', 'x.csv', '--channel', 'sms']],
  ['ingest: a bad timeout', ['ingest', 'x.csv', '--wait', '--timeout', 'soon']],
  ['worker: a bad concurrency', ['worker', '--concurrency', '0']],
  ['worker: an unknown queue', ['worker', '--queue', 'email']],
  ['scheduler: an unknown option', ['scheduler', '--every', '5m']],
  ['status: a bad limit', ['status', '--limit', 'ten']],
  ['failed: a bad --since', ['failed', '--since', 'yesterday']],
  ['failed: an unknown queue', ['failed', '--queue', 'email']],
  ['replay: neither ids nor --all', ['replay']],
  ['replay: ids and --all', ['replay', 'abc', '--all']],
  ['replay: --since without --all', ['replay', 'abc', '--since', '2h']],
  ['discard: neither ids nor --all', ['discard']],
  ['discard: --older-than without --all', ['discard', 'abc', '--older-than', '7d']],
  ['discard: a bad --older-than', ['discard', '--all', '--older-than', 'a week']],
  ['rejects: a bad import id', ['rejects', '--import', 'abc']],
  ['rollup: a bad month', ['rollup', '--month', '2021-13']],
  ['rollup: --month with --all', ['rollup', '--month', '2021-12', '--all']],
  ['report: no year', ['report']],
  ['report: a bad format', ['report', '--year', '2021', '--format', 'pdf']],
  ['report: a bad month', ['report', '--month', '2021-13']],
  ['report: a month outside the year', ['report', '--year', '2021', '--month', '2020-01']],
  ['report: a month number without a year', ['report', '--month', '12']],
  ['report: a month number past 12', ['report', '--year', '2021', '--month', '13']],
  ['report: --unmatched-topics with --out', ['report', '--unmatched-topics', '--out', 'x.txt']],
  ['report: --json without --unmatched-topics', ['report', '--year', '2021', '--json']],
  ['dashboard: a bad port', ['dashboard', '--port', 'http']],
  ['sample: no --out', ['sample']],
  ['demo: a bad seed', ['demo', '--seed', '-1']],
]

describe('exit codes', () => {
  const t = useTestServices()

  it.each(USAGE_ERRORS)('%s exits 2 with one line saying why', async (_case, args) => {
    // Unreachable services: a usage error must be found before anything is opened.
    const run = await runCli(args, {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
      REDIS_URL: 'redis://127.0.0.1:1',
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^(error|dering|Usage)/m)
  })

  it('help exits 0', async () => {
    for (const args of [['--help'], ['help'], ['help', 'ingest'], ['report', '--help']]) {
      expect((await runCli(args)).code).toBe(0)
    }
  })

  it('an unreachable Postgres exits 3 naming it with its address', async () => {
    const run = await runCli(['rejects'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/x' })
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/^dering: cannot reach Postgres at 127\.0\.0\.1:1 \(DATABASE_URL\)/)
  })

  it('an unreachable Redis exits 3 naming it with its address', async () => {
    const run = await runCli(['failed'], { ...t.env(), REDIS_URL: 'redis://127.0.0.1:1' })
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/^dering: cannot reach Redis at 127\.0\.0\.1:1 \(REDIS_URL\)/)
  })

  it('an unmigrated database says so and what to run', async () => {
    const url = new URL(t.env().DATABASE_URL!)
    url.pathname = `/${url.pathname.slice(1)}_never_migrated`
    const run = await runCli(['status'], { ...t.env(), DATABASE_URL: url.toString() })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      new RegExp(`^dering: database ${url.pathname.slice(1)} is not migrated: run dering migrate`),
    )
  })

  it('report on a year without data exits 1 saying to ingest first, and writes no report', async () => {
    const run = await runCli(['report', '--year', '2021'], t.env())
    expect(run).toMatchObject({ code: 1, stdout: '' })
    expect(run.stderr).toBe('dering: no tickets for 2021: ingest exports first\n')
  })

  it('a failed file exits 1', async () => {
    await t.startWorker('ingest')
    const run = await runCli(
      ['ingest', fixturePath('phone/cms-missing-disposition.csv'), '--channel', 'phone', '--wait'],
      t.env(),
    )
    expect(run.code).toBe(1)
  })
})
