import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Channel } from '../../src/domain/channel.js'
import { adapterFor } from '../../src/adapters/registry.js'
import { ingestFile } from '../../src/jobs/ingest-file.js'
import type { Services } from '../../src/services.js'
import { captureFile } from '../../src/spool/capture-file.js'
import { fixturePath } from '../adapters/run-adapter.js'
import { useTestServices } from '../support/services.js'

/** Files of several readers, with rejects, skips, a note, merged records and a failure. */
const FILES: readonly [Channel, string][] = [
  ['whatsapp', 'whatsapp/date-cells.xlsx'],
  ['whatsapp', 'whatsapp/windows-1252-excel-csv.csv'],
  ['phone', 'phone/condition-codes.cdr'],
  ['livechat', 'livechat/bad-line.ndjson'],
  ['livechat', 'livechat/truncated-page.json'],
  ['email', 'email/reply-before-question.mbox'],
]

describe('a file parsed on a thread of its own', () => {
  const t = useTestServices({ BATCH_SIZE: 2 })

  /** Ingests a file on an emptied database and returns all that it stored and reported. */
  async function ingest(
    channel: Channel,
    file: string,
    threadFrom: number | undefined,
    resumeAfter = 0,
  ) {
    await sql`truncate ticket, ticket_source_batch, reject, document, import, rollup_pending`.execute(
      t.services.db,
    )
    const services: Services = {
      ...t.services,
      config: { ...t.services.config, PARSE_THREAD_MIN_BYTES: threadFrom },
    }
    const { sha256 } = await captureFile(services.config.SPOOL_DIR, fixturePath(file))
    const payload = { channel, sha256, name: file, force: true }
    const progress: unknown[] = []
    const job = {
      id: `${channel}-${threadFrom ?? 'inline'}`,
      updateProgress: (p: unknown) => {
        progress.push(p)
        return Promise.resolve()
      },
    }
    if (resumeAfter > 0) {
      // An earlier attempt of the job committed that many records, then died.
      await t.services.db
        .insertInto('import')
        .values({
          channel,
          path: file,
          sha256,
          job_id: job.id,
          adapter_version: adapterFor(channel).version,
          status: 'running',
          records_read: resumeAfter,
          inserted: resumeAfter,
          checkpoint: resumeAfter,
        })
        .execute()
    }
    const result = await ingestFile(services, payload, job).then(
      ({ importId: _, ...counts }) => counts,
      (error: Error) => `${error.name}: ${error.message}`,
    )
    const db = t.services.db
    return {
      result,
      progress,
      imports: await db
        .selectFrom('import')
        .select([
          'status',
          'error',
          'notes',
          'records_read',
          'inserted',
          'rejected',
          'skipped',
          'skipped_by_reason',
          'checkpoint',
        ])
        .execute(),
      tickets: await sql`select to_jsonb(t) - 'import_id' - 'updated_at' as row from ticket t
        order by source_ticket_id`
        .execute(db)
        .then((r) => r.rows),
      sources: await sql`select channel, source_ticket_id, record_number, raw from ticket_source
        order by record_number, source_ticket_id`
        .execute(db)
        .then((r) => r.rows),
      rejects: await db
        .selectFrom('reject')
        .select(['record_number', 'reason', 'raw'])
        .orderBy('id')
        .execute(),
      documents: await db.selectFrom('document').select(['message_id', 'file_name']).execute(),
    }
  }

  it.each(FILES)(
    'stores and reports what parsing in the job does: %s %s',
    async (channel, file) => {
      const inline = await ingest(channel, file, undefined)
      const threaded = await ingest(channel, file, 0)
      expect(threaded).toEqual(inline)
      expect(inline.imports).toHaveLength(1)
    },
  )

  it('resumes after the checkpoint an earlier attempt left, as parsing in the job does', async () => {
    const whole = await ingest('livechat', 'livechat/bad-line.ndjson', undefined)
    const inline = await ingest('livechat', 'livechat/bad-line.ndjson', undefined, 2)
    const threaded = await ingest('livechat', 'livechat/bad-line.ndjson', 0, 2)
    expect(threaded).toEqual(inline)
    expect(inline.result).toMatchObject({ read: (whole.result as { read: number }).read })
    // The records the earlier attempt committed are not read again.
    const after = (rows: unknown[]) =>
      rows.filter((row) => (row as { record_number: number }).record_number > 2)
    expect(inline.sources).toEqual(after(whole.sources))
    expect(inline.sources.length).toBeGreaterThan(0)
    expect(inline.sources.length).toBeLessThan(whole.sources.length)
  })
})
