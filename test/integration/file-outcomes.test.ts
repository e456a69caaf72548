import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { fixturePath } from '../adapters/run-adapter.js'
import { useTestServices } from '../support/services.js'
import { CLI_ARGS } from '../support/cli.js'

const run = promisify(execFile)

interface IngestJson {
  files: {
    status: 'ingested' | 'failed'
    jobId: string
    error?: string
    result?: {
      importId: number
      read: number
      inserted: number
      updated: number
      unchanged: number
      rejected: number
      skipped: number
    }
  }[]
}

/**
 * Honest file outcomes through the CLI: a file is `succeeded` only when it was read whole; one
 * that cannot be read fails at once (no retries) with where and why, and nothing stays running.
 */
describe('file outcomes', () => {
  const t = useTestServices()
  const dering = async (args: string[]): Promise<{ code: number; stdout: string }> =>
    run(process.execPath, [...CLI_ARGS, ...args], { env: { ...process.env, ...t.env() } }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (failure: { code: number; stdout: string }) => failure,
    )
  const ingest = async (fixture: string, channel: string) => {
    const { code, stdout } = await dering([
      'ingest',
      fixturePath(fixture),
      '--channel',
      channel,
      '--wait',
      '--json',
    ])
    const [file] = (JSON.parse(stdout) as IngestJson).files
    return { code, file: file! }
  }
  const importOf = async (jobId: string) =>
    t.services.db.selectFrom('import').selectAll().where('job_id', '=', jobId).execute()

  beforeAll(async () => {
    // An import left running by a worker that died, whose job is gone from the queue.
    await t.services.db
      .insertInto('import')
      .values({
        channel: 'phone',
        path: '/exports/gone.cdr',
        sha256: '0'.repeat(64),
        job_id: 'phone-gone',
        adapter_version: 'avaya@1',
        status: 'running',
      })
      .execute()
    await t.startWorker('ingest')
  })

  it('fails, at worker start, an import left running by a job that is gone', async () => {
    await expect
      .poll(async () => (await importOf('phone-gone'))[0]?.status, { timeout: 10_000 })
      .toBe('failed')
    expect((await importOf('phone-gone'))[0]?.error).toMatch(
      /its job is no longer queued or running/,
    )
  })

  it('shows the notes of an import in `dering status`', async () => {
    const { file } = await ingest('whatsapp/tab-order-not-zip-order.xlsx', 'whatsapp')
    expect(file.status).toBe('ingested')
    const { stdout } = await dering(['status', '--json'])
    const imports = (JSON.parse(stdout) as { imports: { notes: string[]; path: string }[] }).imports
    const notes = imports.find((i) => i.path.endsWith('tab-order-not-zip-order.xlsx'))?.notes
    expect(notes).toEqual([expect.stringMatching(/^sheet read: /)])
    expect((await dering(['status'])).stdout).toMatch(/note: sheet read: /)
  })

  it("judges a CSV's encoding by its first 64 KB, however the job reads the file", async () => {
    // 100 KB of UTF-8, then one Windows-1252 byte: the file is UTF-8 with one bad byte.
    const header =
      'Ticket ID;Created At;Subject\n' + '64fa00000000000000000000;01/12/2021 10:00;Café\n'
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `64fb${String(i).padStart(20, '0')};01/12/2021 10:00;Tanya DAU\n`,
    )
    const dir = await mkdtemp(join(tmpdir(), 'dering-encoding-'))
    const path = join(dir, 'late-windows-byte.csv')
    await writeFile(
      path,
      Buffer.concat([
        Buffer.from(header + rows.join('')),
        Buffer.from('64fc00000000000000000000;01/12/2021 10:00;Caf\xe9\n', 'latin1'),
      ]),
    )
    const { stdout } = await dering(['ingest', path, '--channel', 'whatsapp', '--wait', '--json'])
    const [file] = (JSON.parse(stdout) as IngestJson).files
    expect(file).toMatchObject({ status: 'ingested', result: { read: 3002, inserted: 3002 } })
    const [row] = await importOf(file!.jobId)
    expect(row?.notes).toEqual([
      expect.stringMatching(/^1 byte\(s\) not valid UTF-8 \(the first at byte \d+\)/),
    ])
    const subjects = await t.services.db
      .selectFrom('ticket')
      .select('subject')
      .where('source_ticket_id', 'in', ['64fa00000000000000000000', '64fc00000000000000000000'])
      .orderBy('source_ticket_id')
      .execute()
    expect(subjects.map((ticket) => ticket.subject)).toEqual(['Café', 'Café'])
  })

  it('fails a Deskpro page cut in the middle where reading stopped, keeping the chats before it', async () => {
    // An API page whose download broke off inside its second chat.
    const { code, file } = await ingest('livechat/truncated-page.json', 'livechat')
    expect(code).toBe(1)
    expect(file.status).toBe('failed')
    expect(file.error).toMatch(
      /truncated-page\.json: reading stopped after record 1 \(byte \d+\): invalid or truncated JSON after chat 1: /,
    )
    const [row] = await importOf(file.jobId)
    expect(row).toMatchObject({ status: 'failed', records_read: 1, inserted: 1 })
    expect(row?.error).toBe(file.error)
    // What it loaded before the cut, read from its import as `dering status` shows it.
    const result = file.result!
    expect(result).toMatchObject({ importId: row?.id, read: 1, inserted: 1 })
    expect(result.read).toBeGreaterThanOrEqual(1)
    const { inserted, updated, unchanged, skipped, rejected } = result
    expect(inserted + updated + unchanged + skipped + rejected).toBe(result.read)
  })

  it('shows the counts of a failed file in the `ingest --wait` table', async () => {
    // The same cut page again: its job failed earlier, and the table still shows what it loaded.
    const { code, stdout } = await dering([
      'ingest',
      fixturePath('livechat/truncated-page.json'),
      '--channel',
      'livechat',
      '--wait',
    ])
    expect(code).toBe(1)
    const row = stdout.split('\n').find((line) => line.includes('truncated-page.json'))
    expect(row?.split(/\s+/).slice(-7)).toEqual(['failed', '1', '1', '0', '0', '0', '0'])
  })

  it('fails a PNG image ingested as email at once, naming what it is', async () => {
    // A scanned letter's PNG dropped where mail exports go.
    const { code, file } = await ingest('email/png-image-saved-as.eml', 'email')
    expect(code).toBe(1)
    expect(file.error).toMatch(
      /png-image-saved-as\.eml: not an email file: looks like a PNG image$/,
    )
    expect(await importOf(file.jobId)).toMatchObject([{ status: 'failed', records_read: 0 }])
  })

  it('fails a PNG image ingested as phone CDR at once, not as a retried database error', async () => {
    const { file } = await ingest('phone/png-image-saved-as.cdr', 'phone')
    expect(file.error).toMatch(/not an Avaya CDR file: looks like a PNG image$/)
    expect(await importOf(file.jobId)).toMatchObject([{ status: 'failed' }])
  })

  it('fails an empty .eml with "empty file"', async () => {
    // A zero-byte file left by a mail client's export that was cancelled.
    const { code, file } = await ingest('email/empty.eml', 'email')
    expect(code).toBe(1)
    expect(file.error).toMatch(/empty\.eml: empty file$/)
    expect(await importOf(file.jobId)).toMatchObject([{ status: 'failed' }])
  })

  it('loads every message of a Lapor mailbox with a broken part header', async () => {
    // A part header `Content-Type: ; name="x.jpg"` (mailparser: contentType false) in message 2 of 3.
    const { code, file } = await ingest('email/lapor-broken-part-header.mbox', 'email')
    expect(code).toBe(0)
    expect(file.status).toBe('ingested')
    expect(file.result).toMatchObject({ read: 3 })
    const result = file.result!
    expect(result.inserted + result.rejected + result.skipped).toBe(3)
    expect(await importOf(file.jobId)).toMatchObject([{ status: 'succeeded', records_read: 3 }])
  })

  it('lists each failed file once in `dering failed`, after one attempt', async () => {
    const { stdout } = await dering(['failed', '--json'])
    const jobs = (JSON.parse(stdout) as { jobs: { file: string; attempts: number }[] }).jobs
    const files = jobs.map((job) => job.file.split('/').at(-1)).sort()
    expect(files).toEqual([
      'empty.eml',
      'png-image-saved-as.cdr',
      'png-image-saved-as.eml',
      'truncated-page.json',
    ])
    expect(jobs.map((job) => job.attempts)).toEqual([1, 1, 1, 1])
    const running = await t.services.db
      .selectFrom('import')
      .select('id')
      .where('status', '=', 'running')
      .execute()
    expect(running).toEqual([])
  })
})
