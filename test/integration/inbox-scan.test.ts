import { mkdtempSync } from 'node:fs'
import {
  copyFile,
  mkdir,
  readFile,
  readdir,
  rm,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { hashFile } from '../support/hash-file.js'
import { scanInbox } from '../../src/jobs/scan-inbox.js'
import { inboxObservationsKey } from '../../src/queue/catalog.js'
import { spoolEntryPath } from '../../src/spool/spool-entry.js'
import { fixturePath } from '../adapters/run-adapter.js'
import { useTestServices } from '../support/services.js'

const SETTLE_MS = 1_000
const inbox = mkdtempSync(path.join(tmpdir(), 'dering-inbox-'))
const sample = fixturePath('whatsapp/sample-bom-semicolon.csv')

/** Scans as the scheduler would, `seconds` after the start of the test's own clock. */
const at = (seconds: number) => new Date(Date.UTC(2021, 11, 15, 3, 0, seconds))

describe('inbox scan', () => {
  const t = useTestServices({ INBOX_DIR: inbox, INBOX_SETTLE_MS: SETTLE_MS, LOG_LEVEL: 'error' })
  afterAll(() => rm(inbox, { recursive: true, force: true }))
  const scan = (seconds: number) => scanInbox(t.services, at(seconds))
  const whatsapp = (name: string) => path.join(inbox, 'whatsapp', name)

  it('creates a folder per channel and finds nothing in an empty inbox', async () => {
    const result = await scan(0)
    expect(result).toEqual({
      queued: [],
      settling: [],
      alreadyIngested: [],
      inProgress: [],
      failed: [],
      refused: [],
    })
    expect((await readdir(inbox)).sort()).toEqual([
      'email',
      'hai_kemenkeu',
      'livechat',
      'phone',
      'whatsapp',
    ])
  })

  it('takes a file only once two scans a settle time apart saw the same size and mtime', async () => {
    await copyFile(sample, whatsapp('december.csv'))
    expect(await scan(10)).toMatchObject({ queued: [], settling: [whatsapp('december.csv')] })
    expect(await scan(10.5)).toMatchObject({ queued: [], settling: [whatsapp('december.csv')] })
    expect(await scan(11)).toMatchObject({ queued: [whatsapp('december.csv')], settling: [] })
    const sha256 = await hashFile(sample)
    const job = await t.services.queues.ingest.getJob(`whatsapp-${sha256}`)
    expect(job?.data).toEqual({ channel: 'whatsapp', name: whatsapp('december.csv'), sha256 })
    // Taken: its bytes are in the spool, and it leaves the inbox.
    expect(await readFile(spoolEntryPath(t.services.config.SPOOL_DIR, sha256))).toEqual(
      await readFile(sample),
    )
    expect(await readdir(path.join(inbox, 'whatsapp'))).not.toContain('december.csv')
    expect(await scan(12)).toMatchObject({ queued: [], inProgress: [] })
  })

  it('waits while a file is still growing or being touched', async () => {
    const growing = whatsapp('growing.csv')
    await writeFile(growing, 'Ticket ID;Channel;Created At\n')
    expect((await scan(20)).settling).toContain(growing)
    await writeFile(growing, 'Ticket ID;Channel;Created At\ng-1;WA;01/12/2021 10:00\n')
    expect((await scan(22)).settling).toContain(growing)
    await utimes(growing, new Date(), new Date(Date.now() + 5_000))
    expect((await scan(24)).settling).toContain(growing)
    expect((await scan(26)).queued).toEqual([growing])
  })

  it('leaves partial and hidden names alone and refuses links, folders and escapes', async () => {
    const outside = path.join(tmpdir(), `dering-outside-${process.pid}.csv`)
    await copyFile(sample, outside)
    await writeFile(whatsapp('upload.csv.part'), 'partial')
    await writeFile(whatsapp('download.tmp'), 'partial')
    await writeFile(whatsapp('.~lock.december.csv#'), 'lock')
    await symlink(outside, whatsapp('escape.csv'))
    await symlink(whatsapp('growing.csv'), whatsapp('inside-link.csv'))
    await mkdir(whatsapp('2021-12'))
    const first = await scan(30)
    const second = await scan(40)
    for (const result of [first, second]) {
      expect(result.refused).toEqual([
        {
          path: whatsapp('2021-12'),
          reason: 'a folder: put export files directly in the channel folder',
        },
        {
          path: whatsapp('escape.csv'),
          reason: 'a symbolic link: copy the file itself into the inbox',
        },
        {
          path: whatsapp('inside-link.csv'),
          reason: 'a symbolic link: copy the file itself into the inbox',
        },
      ])
    }
    const seen = [...second.queued, ...second.settling, ...second.inProgress]
    expect(seen).toEqual([]) // the settled files were taken out of the inbox
    const observed = Object.keys(
      await t.services.redis.hgetall(inboxObservationsKey(t.services.config.QUEUE_PREFIX)),
    )
    expect(observed).toEqual([])
    await rm(outside)
  })

  it('takes a copy of ingested content as already ingested, out of the inbox', async () => {
    await t.startWorker('ingest')
    const sha256 = await hashFile(sample)
    await waitFor(
      async () =>
        (await t.services.queues.ingest.getJobState(`whatsapp-${sha256}`)) === 'completed',
    )
    await copyFile(sample, whatsapp('copy.csv'))
    await scan(50)
    expect((await scan(60)).alreadyIngested).toEqual([whatsapp('copy.csv')])
    expect(await readdir(path.join(inbox, 'whatsapp'))).not.toContain('copy.csv')
    expect(await t.services.db.selectFrom('import').select('path').execute()).not.toContainEqual({
      path: whatsapp('copy.csv'),
    })
  })
})

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
