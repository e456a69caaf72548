import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { startWorker } from '../../src/jobs/workers.js'
import { createLogger } from '../../src/logger.js'
import { ingestJobId } from '../../src/queue/catalog.js'
import { createServices } from '../../src/services.js'
import { hashFile } from '../support/hash-file.js'
import { fixturePath } from '../adapters/run-adapter.js'
import { runCli } from '../support/cli.js'
import { useTestDatabase } from '../support/database.js'
import { useTestServices } from '../support/services.js'

interface IngestJson {
  files: { enqueue: string; status: string; result: Record<string, number> }[]
}

/** Postgres, not Redis, is the record of what was ingested (sample.cdr: 4 records, 1 outgoing). */
describe('ingest decides by the import table', () => {
  const t = useTestServices()
  const restored = useTestDatabase()
  const file = fixturePath('phone/sample.cdr')

  it('skips content this database holds, reloads it with --force, and loads it into another database on the same queues', async () => {
    const worker = await t.startWorker('ingest')
    const first = await runCli(['ingest', file, '--wait', '--json'], t.env())
    expect(first.code).toBe(0)
    const loaded = (JSON.parse(first.stdout) as IngestJson).files[0]!
    expect(loaded).toMatchObject({ enqueue: 'queued', status: 'ingested', result: { inserted: 3 } })

    const again = await runCli(['ingest', file], t.env())
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(
      new RegExp(
        `sample\\.cdr: already ingested as import ${loaded.result.importId} on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d WIB`,
      ),
    )

    const forced = await runCli(['ingest', file, '--force', '--wait', '--json'], t.env())
    expect(forced.code).toBe(0)
    expect((JSON.parse(forced.stdout) as IngestJson).files[0]).toMatchObject({
      enqueue: 'queued',
      status: 'ingested',
      result: { read: 4, inserted: 0, updated: 0, unchanged: 3, skipped: 1 },
    })

    // A job that got past the check (queued before the first one finished): it loads nothing.
    const sha256 = await hashFile(file)
    const racing = await t.services.queues.ingest.add(
      'file',
      { channel: 'phone', name: file, sha256 },
      { jobId: `${ingestJobId('phone', sha256)}-racing` },
    )
    await expect.poll(() => racing.getState(), { timeout: 20_000 }).toBe('completed')
    const finished = await t.services.queues.ingest.getJob(racing.id!)
    const imports = await t.services.db.selectFrom('import').select('id').execute()
    expect(finished?.returnvalue.importId).toBe(imports.at(-1)?.id)
    expect(imports).toHaveLength(2)
    await worker.close()

    // Same QUEUE_PREFIX, a new (or restored) database: the completed job in Redis must not block.
    const config = loadConfig({}, { ...t.env(), DATABASE_URL: restored.url, LOG_LEVEL: 'warn' })
    const other = createServices(config, createLogger(config))
    const otherWorker = await startWorker(other, 'ingest', 1)
    try {
      const fresh = await runCli(['ingest', file, '--wait', '--json'], {
        ...t.env(),
        DATABASE_URL: restored.url,
      })
      expect(fresh.code).toBe(0)
      expect((JSON.parse(fresh.stdout) as IngestJson).files[0]).toMatchObject({
        enqueue: 'queued',
        status: 'ingested',
        result: { inserted: 3 },
      })
    } finally {
      await otherWorker.close()
      await other.close()
    }
  })
})
