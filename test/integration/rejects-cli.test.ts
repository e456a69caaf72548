import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { insertRejects } from '../../src/db/rejects.js'
import { useTestServices } from '../support/services.js'
import { CLI_ARGS } from '../support/cli.js'

const run = promisify(execFile)

// `dering rejects` lists bounded excerpts, never whole records: 50 rejects of a few MB each
// once took 2.4 GB to list. The whole raw text stays available one reject at a time.
describe('dering rejects with large raw text', () => {
  const t = useTestServices()
  const dering = (args: string[]) =>
    run(process.execPath, [...CLI_ARGS, ...args], {
      env: { ...process.env, ...t.env() },
      maxBuffer: 64 << 20,
    })
  const big = `${'a;'.repeat(1_000_000)}end`
  let rejectId: number
  beforeAll(async () => {
    const { id } = await t.services.db
      .insertInto('import')
      .values({
        channel: 'whatsapp',
        path: 'big.csv',
        sha256: 'f'.repeat(64),
        job_id: 'job-big',
        adapter_version: 'test',
        status: 'succeeded',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const rejects = Array.from({ length: 5 }, (_, i) => ({
      kind: 'reject' as const,
      recordNumber: i + 1,
      reason: 'unsupported channel: X',
      raw: big,
    }))
    await insertRejects(t.services.db, id, rejects)
    const row = await t.services.db
      .selectFrom('reject')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    rejectId = row.id
  })

  it('--json cuts each raw text to 2000 characters and says how long it was', async () => {
    const { stdout } = await dering(['rejects', '--json'])
    const { rejects } = JSON.parse(stdout) as {
      rejects: { id: number; raw: string; rawLength: number; rawTruncated: boolean }[]
    }
    expect(rejects).toHaveLength(5)
    for (const reject of rejects) {
      expect(reject.raw).toBe(big.slice(0, 2000))
      expect(reject).toMatchObject({ rawLength: big.length, rawTruncated: true })
    }
    expect(stdout.length).toBeLessThan(20_000)
  })

  it('the table shows each reject by id on one short line', async () => {
    const { stdout } = await dering(['rejects'])
    expect(stdout).toContain(String(rejectId))
    expect(stdout.length).toBeLessThan(5_000)
  })

  it('--raw ID prints the whole raw text; an unknown id exits 1', async () => {
    const { stdout } = await dering(['rejects', '--raw', String(rejectId)])
    expect(stdout).toBe(`${big}\n`)
    await expect(dering(['rejects', '--raw', '99999999'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no reject with id 99999999'),
    })
  })
})
