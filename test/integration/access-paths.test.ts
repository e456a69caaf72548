import { mkdtempSync } from 'node:fs'
import { copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { hashFile } from '../../src/files/hash-file.js'
import { enqueueFile } from '../../src/jobs/enqueue-file.js'
import { waitForIngest } from '../../src/cli/wait-for-ingest.js'
import { fixturePath } from '../adapters/run-adapter.js'
import { useTestServices } from '../support/services.js'

const SAMPLE = fixturePath('whatsapp/sample-bom-semicolon.csv')

/** The sample plus one row of its own, so each file is new content (a job of its own). */
async function writeExport(file: string, id: string): Promise<void> {
  const sample = await readFile(SAMPLE, 'utf8')
  await writeFile(
    file,
    `${sample.trimEnd()}\r\n${id};WhatsApp;Budi;081234567890;x;SIKD;Pemda;Baru;;01/12/2021 09:23;;\r\n`,
  )
}

describe('ingest jobs read only inside INGEST_ROOTS', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'dering-roots-'))
  const root = path.join(base, 'imports')
  const outside = path.join(base, 'elsewhere')
  const t = useTestServices({ INGEST_ROOTS: root })
  beforeAll(async () => {
    await Promise.all([mkdir(root), mkdir(outside)])
    await t.startWorker('ingest')
  })

  const ingest = async (file: string) => {
    const enqueued = await enqueueFile(t.services, {
      channel: 'whatsapp',
      path: file,
      sha256: await hashFile(file),
    })
    const [outcome] = await waitForIngest(t.services.queues, [enqueued], new Map())
    return outcome!
  }

  it('ingests a file inside a root', async () => {
    const inside = path.join(root, 'export.csv')
    await copyFile(SAMPLE, inside)
    expect(await ingest(inside)).toMatchObject({
      status: 'ingested',
      result: { read: 3, inserted: 3 },
    })
  })

  it.each([
    [
      'a file outside every root',
      async () => {
        const file = path.join(outside, 'a.csv')
        await writeExport(file, 'outside-a')
        return file
      },
    ],
    [
      'a path that climbs out with ..',
      async () => {
        const file = path.join(outside, 'b.csv')
        await writeExport(file, 'outside-b')
        return `${root}/../elsewhere/b.csv`
      },
    ],
    [
      'a symlink inside a root to a file outside',
      async () => {
        const target = path.join(outside, 'c.csv')
        await writeExport(target, 'outside-c')
        const link = path.join(root, 'link.csv')
        await symlink(target, link)
        return link
      },
    ],
  ])('refuses %s, naming the setting, and reads nothing', async (_, makePath) => {
    const file = await makePath()
    const tickets = await t.services.db
      .selectFrom('ticket')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    const outcome = await ingest(file)
    expect(outcome).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('INGEST_ROOTS'),
    })
    const after = await t.services.db
      .selectFrom('ticket')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(tickets.n)
    expect(
      await t.services.db.selectFrom('import').select('path').where('path', '=', file).execute(),
    ).toEqual([])
  })
})
