import { mkdtempSync } from 'node:fs'
import { copyFile, mkdir, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { hashFile } from '../../src/files/hash-file.js'
import { toWibMonth } from '../../src/domain/wib-month.js'
import { scanInbox } from '../../src/jobs/scan-inbox.js'
import { inboxObservationsKey } from '../../src/queue/catalog.js'
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
      archived: [],
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
    const job = await t.services.queues.ingest.getJob(`whatsapp-${await hashFile(sample)}`)
    expect(job?.data).toEqual({
      channel: 'whatsapp',
      path: whatsapp('december.csv'),
      sha256: await hashFile(sample),
    })
    expect(await scan(12)).toMatchObject({ queued: [], inProgress: [whatsapp('december.csv')] })
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
    await symlink(whatsapp('december.csv'), whatsapp('inside-link.csv'))
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
    expect(seen.map((file) => path.basename(file)).sort()).toEqual(['december.csv', 'growing.csv'])
    const observed = Object.keys(
      await t.services.redis.hgetall(inboxObservationsKey(t.services.config.QUEUE_PREFIX)),
    )
    expect(observed.sort()).toEqual(['whatsapp/december.csv', 'whatsapp/growing.csv'])
    await rm(outside)
  })

  it('archives ingested files: the worker its own on success, a scan the copies of ingested content', async () => {
    await t.startWorker('ingest')
    const month = toWibMonth(new Date()).split('-')
    const worked = path.join(inbox, 'archive', 'whatsapp', month[0]!, month[1]!)
    await waitFor(async () =>
      (await readdir(worked).catch((): string[] => [])).includes('december.csv'),
    )
    expect(await readdir(path.join(inbox, 'whatsapp'))).not.toContain('december.csv')

    const archive = path.join(inbox, 'archive', 'whatsapp', '2021', '12')
    const suffix = (await hashFile(sample)).slice(0, 12)
    await copyFile(sample, whatsapp('copy.csv'))
    await scan(50)
    expect((await scan(60)).archived).toEqual([path.join(archive, 'copy.csv')])
    await copyFile(sample, whatsapp('copy.csv'))
    await scan(70)
    expect((await scan(80)).archived).toEqual([path.join(archive, `copy-${suffix}.csv`)])
    expect((await readdir(archive)).sort()).toEqual([`copy-${suffix}.csv`, 'copy.csv'])
    expect(await readdir(path.join(inbox, 'whatsapp'))).not.toContain('copy.csv')
  })
})

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
