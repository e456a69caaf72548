import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { link, mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { spoolEntryPath } from '../../src/spool/spool-entry.js'
import { fixturePath } from '../adapters/run-adapter.js'
import { runCli } from '../support/cli.js'
import { useTestServices } from '../support/services.js'

const SAMPLE = fixturePath('whatsapp/sample-bom-semicolon.csv')

/**
 * A job names content, never a path: whoever can write to Redis (a crafted payload, a
 * compromised dashboard) cannot make a worker read a file outside the spool, and capture takes
 * only regular files with one name. The "secret" below is a valid export, so any read of it
 * would show up as tickets, an import or rejects.
 */
describe('ingest jobs read only the spool', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'dering-paths-'))
  const outside = path.join(base, 'elsewhere')
  const secret = path.join(outside, 'secret.csv')
  let secretSha: string
  const t = useTestServices()
  beforeAll(async () => {
    await mkdir(outside)
    const sample = await readFile(SAMPLE, 'utf8')
    const content = `${sample.trimEnd()}\r\nsecret-1;WhatsApp;Budi;081234567890;x;SIKD;Pemda;Baru;;01/12/2021 09:23;;\r\n`
    await writeFile(secret, content)
    secretSha = createHash('sha256').update(content).digest('hex')
    await mkdir(t.services.config.SPOOL_DIR, { recursive: true })
    await t.startWorker('ingest')
  })

  const nothingRead = async () => {
    const db = t.services.db
    const [tickets, imports, rejects] = await Promise.all(
      (['ticket', 'import', 'reject'] as const).map((table) =>
        db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ),
    )
    return { tickets: Number(tickets!.n), imports: Number(imports!.n), rejects: Number(rejects!.n) }
  }

  /** Queues a crafted payload as anyone with Redis access could, and returns its final error. */
  const queueCrafted = async (id: string, data: Record<string, unknown>) => {
    const job = await t.services.queues.ingest.add('file', data as never, {
      jobId: id,
      attempts: 1,
    })
    await expect.poll(() => job.getState(), { timeout: 15_000 }).toBe('failed')
    return (await t.services.queues.ingest.getJob(id))?.failedReason ?? ''
  }

  it.each([
    [
      'a path to read',
      { channel: 'whatsapp', name: 'x', path: '/etc/passwd', sha256: '0'.repeat(64) },
      /Unrecognized key.*path/s,
    ],
    [
      '/etc/passwd as the content name',
      { channel: 'whatsapp', name: 'x', sha256: '/etc/passwd' },
      /expected a sha256/,
    ],
    [
      'a name that climbs out with ..',
      { channel: 'whatsapp', name: 'x', sha256: `../${'a'.repeat(61)}` },
      /expected a sha256/,
    ],
    [
      'an uppercase sha256',
      { channel: 'whatsapp', name: 'x', sha256: 'A'.repeat(64) },
      /expected a sha256/,
    ],
  ])('refuses a payload with %s before opening anything', async (label, data, error) => {
    const before = await nothingRead()
    const reason = await queueCrafted(`crafted-${label.replace(/\W+/g, '-')}`, data)
    expect(reason).toMatch(error)
    expect(await nothingRead()).toEqual(before)
  })

  it.each([
    [
      'a symlink to a file outside',
      (entry: string) => symlink(secret, entry),
      'a symbolic link: dering reads only regular files',
    ],
    [
      'a FIFO (the job does not hang)',
      (entry: string) => Promise.resolve(void execFileSync('mkfifo', [entry])),
      'a named pipe (FIFO), not a regular file',
    ],
    ['a hard link to a file outside', (entry: string) => link(secret, entry), 'has 2 hard links'],
  ])('refuses a spool entry that is %s, without a read', async (label, plant, message) => {
    const entry = spoolEntryPath(t.services.config.SPOOL_DIR, secretSha)
    await plant(entry)
    try {
      const before = await nothingRead()
      const reason = await queueCrafted(`planted-${label.replace(/\W+/g, '-')}`, {
        channel: 'whatsapp',
        name: 'planted.csv',
        sha256: secretSha,
      })
      expect(reason).toContain(`${entry}: ${message}`)
      expect(await nothingRead()).toEqual(before)
    } finally {
      execFileSync('rm', ['-f', entry])
    }
  })

  it.each([
    [
      'a symlink',
      (file: string) => symlink(secret, file),
      'a symbolic link: dering reads only regular files (copy the file itself)',
    ],
    [
      'a FIFO',
      (file: string) => Promise.resolve(void execFileSync('mkfifo', [file])),
      'a named pipe (FIFO), not a regular file',
    ],
    [
      'a hard-linked file',
      (file: string) => link(secret, file),
      'has 2 hard links: dering reads only files with one name (copy it instead of linking it)',
    ],
  ])('dering ingest refuses to capture %s, saying why (exit 1)', async (label, plant, reason) => {
    const file = path.join(base, `given-${label.replace(/\W+/g, '-')}.csv`)
    await plant(file)
    const run = await runCli(['ingest', file, '--channel', 'whatsapp', '--json'], t.env(), {
      timeoutMs: 20_000,
    })
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toEqual({ files: [], skipped: [{ path: file, reason }] })
  })
})
