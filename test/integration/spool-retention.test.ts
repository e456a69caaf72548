import { mkdtempSync } from 'node:fs'
import { readdir, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { adapterFor } from '../../src/adapters/registry.js'
import { enqueueFromPath } from '../../src/jobs/enqueue-from-path.js'
import { cleanSpool } from '../../src/jobs/spool-retention.js'
import { captureFile } from '../../src/spool/capture-file.js'
import { runCli } from '../support/cli.js'
import { useTestServices } from '../support/services.js'

const DAY_MS = 24 * 3_600_000

/**
 * SPOOL_RETENTION (90 days by default): a spooled file goes once its import succeeded that
 * long ago; one whose job failed stays until the job is discarded.
 */
describe('spool retention', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dering-retention-'))
  const t = useTestServices()
  const now = new Date()
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS)
  const spool = () => t.services.config.SPOOL_DIR
  beforeAll(() => t.startWorker('ingest'))

  /** Spools a small file of its own content, its mtime (capture time) `days` ago. */
  const spoolFile = async (name: string, content: string, days: number) => {
    const file = path.join(dir, name)
    await writeFile(file, content)
    const { sha256 } = await captureFile(spool(), file)
    await utimes(path.join(spool(), sha256), daysAgo(days), daysAgo(days))
    return { file, sha256 }
  }
  const importOf = (sha256: string, finishedDaysAgo: number) =>
    t.services.db
      .insertInto('import')
      .values({
        channel: 'whatsapp',
        path: `/exports/${sha256.slice(0, 8)}.csv`,
        sha256,
        job_id: null,
        adapter_version: adapterFor('whatsapp').version,
        status: 'succeeded',
        finished_at: daysAgo(finishedDaysAgo),
      })
      .execute()

  it('removes an old succeeded entry and an old orphan, keeps failed, recent and fresh ones', async () => {
    const old = await spoolFile('old.csv', 'old export\n', 120)
    await importOf(old.sha256, 100)
    const recent = await spoolFile('recent.csv', 'recent export\n', 120)
    await importOf(recent.sha256, 1)
    const orphan = await spoolFile('orphan.csv', 'captured, never queued\n', 2)
    const fresh = await spoolFile('fresh.csv', 'captured a moment ago\n', 0)
    const broken = path.join(dir, 'broken.csv')
    await writeFile(broken, 'Channel;Created At\nWA;01/12/2021 10:00\n') // no Ticket ID: fails
    const failing = await enqueueFromPath(t.services, { channel: 'whatsapp', path: broken })
    await expect
      .poll(() => t.services.queues.ingest.getJobState(failing.jobId), { timeout: 20_000 })
      .toBe('failed')
    await utimes(path.join(spool(), failing.sha256), daysAgo(200), daysAgo(200))
    const staleCapture = path.join(spool(), '.capture-0123456789abcdef')
    await writeFile(staleCapture, 'a capture that died')
    await utimes(staleCapture, daysAgo(2), daysAgo(2))

    const removed = await cleanSpool(t.services, now)
    expect(removed.sort()).toEqual(['.capture-0123456789abcdef', old.sha256, orphan.sha256].sort())
    expect((await readdir(spool())).sort()).toEqual(
      [recent.sha256, fresh.sha256, failing.sha256].sort(),
    )

    // Discarding the failed job releases its entry: nothing else needs it.
    const discard = await runCli(['discard', failing.jobId, '--json'], t.env())
    expect(discard.code).toBe(0)
    expect(await readdir(spool())).not.toContain(failing.sha256)
  })

  it('keeps an old entry whose content is captured again while the clean checks it', async () => {
    const again = await spoolFile('again.csv', 'exported again, same bytes\n', 120)
    // Between the clean's look at the entry and its verdict, the same file is captured anew.
    const services = {
      ...t.services,
      queues: {
        ...t.services.queues,
        ingest: new Proxy(t.services.queues.ingest, {
          get(queue, key, receiver) {
            if (key !== 'getJobState') return Reflect.get(queue, key, receiver) as unknown
            return async (jobId: string) => {
              if (jobId.endsWith(again.sha256)) await captureFile(spool(), again.file)
              return queue.getJobState(jobId)
            }
          },
        }),
      },
    }
    expect(await cleanSpool(services, now)).not.toContain(again.sha256)
    expect(await readdir(spool())).toContain(again.sha256)
  })
})
