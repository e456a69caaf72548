import { spawn } from 'node:child_process'
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixturePath } from '../adapters/run-adapter.js'
import { CLI_ARGS, runCli } from '../support/cli.js'
import { useTestServices } from '../support/services.js'

/** The states an operator gets stuck in, each ending with what to run (through the CLI). */
describe('operator ways out', () => {
  const t = useTestServices()

  it('ingest --wait without a worker says so within 10 s, names the command, and --timeout ends the wait', async () => {
    const run = await runCli(
      ['ingest', fixturePath('phone/condition-codes.cdr'), '--wait', '--timeout', '10s'],
      t.env(),
    )
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/no worker is consuming the ingest queue .*`dering worker`/)
    expect(run.stderr).toMatch(/timed out; the jobs go on .*\n {2}phone-[0-9a-f]{64}\n/)
    expect(run.stderr).toContain('follow them with: dering status')
    await t.services.queues.ingest.obliterate({ force: true })
  })

  it('Ctrl-C while waiting on a terminal restores it and prints the jobs still queued', async () => {
    const command = `${process.execPath} ${CLI_ARGS.join(' ')} ingest ${fixturePath('phone/month-day-dates.cdr')} --channel phone --wait`
    // `script` gives the CLI a terminal; ^C on it is the operator's Ctrl-C.
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: { ...process.env, ...t.env(), CDR_DATE_ORDER: 'month/day' },
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    await expect.poll(() => output, { timeout: 40_000, interval: 200 }).toContain('ingesting [')
    child.stdin.write('\x03')
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(130)
    // Line wrapping off while the bar is drawn, and back on once it stops.
    const wrapOff = output.indexOf('\u001b[?7l')
    expect(wrapOff).toBeGreaterThanOrEqual(0)
    expect(output.indexOf('\u001b[?7h', wrapOff)).toBeGreaterThan(wrapOff)
    expect(output).toMatch(/interrupted; the jobs go on .*\r?\n {2}phone-[0-9a-f]{64}\r?\n/)
    expect(output).toContain('follow them with: dering status')
    await t.services.queues.ingest.obliterate({ force: true })
  }, 60_000)

  it('a folder ingest queues what it can, lists what it skipped and why, and exits 1', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dering-folder-'))
    await copyFile(fixturePath('phone/condition-codes.cdr'), path.join(dir, 'calls.cdr'))
    await writeFile(
      path.join(dir, 'scan.pdf'),
      '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n',
    )
    const run = await runCli(['ingest', dir, '--json'], t.env())
    expect(run.code).toBe(1)
    const result = JSON.parse(run.stdout) as {
      files: { path: string; state: string; jobId: string }[]
      skipped: { path: string; reason: string }[]
    }
    expect(result.files).toEqual([
      expect.objectContaining({ path: path.join(dir, 'calls.cdr'), state: 'queued' }),
    ])
    expect(result.files[0]!.jobId).toMatch(/^phone-[0-9a-f]{64}$/) // in full
    expect(result.skipped).toEqual([
      { path: path.join(dir, 'scan.pdf'), reason: expect.stringMatching(/PDF document/) },
    ])
    await t.services.queues.ingest.obliterate({ force: true })
  })

  it('discard clears a failed job given by a prefix of its id, and says what it removed', async () => {
    const worker = await t.startWorker('ingest')
    const failing = fixturePath('phone/cms-missing-disposition.csv')
    const ingest = await runCli(['ingest', failing, '--channel', 'phone', '--wait'], t.env())
    expect(ingest.code).toBe(1)
    await worker.close()
    const failed = JSON.parse((await runCli(['failed', '--json'], t.env())).stdout) as {
      jobs: { id: string }[]
    }
    expect(failed.jobs).toHaveLength(1)
    const id = failed.jobs[0]!.id
    const discard = await runCli(['discard', id.slice(0, 16)], t.env())
    expect(discard.code).toBe(0)
    expect(discard.stdout).toContain(id)
    expect(discard.stdout).toMatch(/1 of 1 job\(s\) discarded/)
    expect((await runCli(['failed'], t.env())).stdout).toBe('no failed jobs\n')
    const again = await runCli(['discard', id.slice(0, 16)], t.env())
    expect(again.code).toBe(1)
    expect(again.stdout).toContain('no such job')
  })

  it('a worker whose Redis is unreachable stops soon after SIGTERM', async () => {
    const child = spawn(process.execPath, [...CLI_ARGS, 'worker'], {
      env: {
        ...process.env,
        ...t.env(),
        REDIS_URL: 'redis://127.0.0.1:1',
        SHUTDOWN_TIMEOUT_MS: '1000',
        LOG_LEVEL: 'info',
      },
    })
    let log = ''
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
    await expect.poll(() => log, { timeout: 40_000, interval: 200 }).toContain('worker started')
    const signalled = Date.now()
    child.kill('SIGTERM')
    await new Promise((resolve) => child.on('exit', resolve))
    expect(Date.now() - signalled).toBeLessThan(1000 + 2000 + 1500)
  }, 60_000)
})
