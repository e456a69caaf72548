import { mkdtemp } from 'node:fs/promises'
import { createWriteStream } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Channel } from '../../src/domain/channel.js'
import { ingestAndWait, writeTempFile } from '../support/ingest.js'
import { useTestServices } from '../support/services.js'

// Hostile record sizes through the queue and a worker: each ends in a final, honest outcome with
// every record accounted for, and none is read twice. Sizes are scaled down by a low
// MAX_RECORD_BYTES so the suite stays fast; test/faults/hostile-memory.test.ts measures memory.

const HEADER =
  'Ticket ID;Channel;Customer Phone;Subject;Category;Customer Type;Status;Agent;Created At;First Response At;Resolved At'
const row = (id: string) => `${id};WA;;x;;;Open;;01/12/2021 10:00;;`
const chat = (id: number) =>
  `{"id":${id},"status":"open","subject":"Tanya DAU","date_created":"2021-12-07 01:00:00"}`

/** Writes `parts` to a file, a string or `bytes` copies of one character, without holding it. */
async function writeLarge(file: string, parts: (string | { char: string; bytes: number })[]) {
  const out = createWriteStream(file)
  for (const part of parts) {
    if (typeof part === 'string') out.write(part)
    else {
      const block = part.char.repeat(1 << 20)
      for (let left = part.bytes; left > 0; left -= block.length) {
        if (!out.write(left >= block.length ? block : block.slice(0, left))) {
          await new Promise<void>((resolve) => out.once('drain', () => resolve()))
        }
      }
    }
  }
  await new Promise<void>((resolve, reject) => out.end(resolve).on('error', reject))
  return file
}

describe('records over MAX_RECORD_BYTES, through the worker', () => {
  const t = useTestServices({ MAX_RECORD_BYTES: 64 * 1024 })
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dering-bounded-'))
    await t.startWorker('ingest')
  })
  const importsOf = (file: string) =>
    t.services.db.selectFrom('import').selectAll().where('path', '=', file).execute()
  const ingest = async (channel: Channel, file: string) => {
    const [outcome] = await ingestAndWait(t.services, channel, [file])
    return { outcome: outcome!, imports: await importsOf(file) }
  }

  it('a 30 MB NDJSON line is one reject, read once; the chats before and after it load', async () => {
    const file = await writeLarge(path.join(dir, 'huge-line.ndjson'), [
      `${chat(1)}\n{"id":2,"subject":"`,
      { char: 'y', bytes: 30 << 20 },
      `"}\n${chat(3)}\n`,
    ])
    const { outcome, imports } = await ingest('livechat', file)
    expect(outcome).toMatchObject({
      status: 'ingested',
      result: { read: 3, inserted: 2, rejected: 1 },
    })
    expect(imports.map((i) => i.status)).toEqual(['succeeded'])
    const [reject] = await t.services.db
      .selectFrom('reject')
      .select(['record_number', 'reason', 'raw'])
      .where('import_id', '=', imports[0]!.id)
      .execute()
    expect(reject!.record_number).toBe(2)
    expect(reject!.reason).toMatch(
      /^record larger than MAX_RECORD_BYTES \(31457301 bytes, limit 65536\): skipped$/,
    )
    expect(reject!.raw.length).toBeLessThanOrEqual(2000)
    const job = await t.services.queues.ingest.getJob(outcome.file.jobId)
    expect(job?.attemptsMade).toBe(1)
  })

  it('a CSV record over the limit is a reject and the rows after it load', async () => {
    const file = await writeLarge(path.join(dir, 'huge-row.csv'), [
      `${HEADER}\n${row('a')}\nbig;WA;;"`,
      { char: 'z', bytes: 5 << 20 },
      `";;;Open;;01/12/2021 10:00;;\n${row('b')}\n`,
    ])
    const { outcome, imports } = await ingest('whatsapp', file)
    expect(outcome).toMatchObject({
      status: 'ingested',
      result: { read: 3, inserted: 2, rejected: 1 },
    })
    expect(imports.map((i) => i.status)).toEqual(['succeeded'])
  })

  it('an unterminated quote fails the file naming its line instead of swallowing the rest', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => row(`r${i}`))
    const csv = [HEADER, row('first'), `open;WA;;"Tanya DAU;;;Open;;01/12/2021 10:00;;`, ...rows]
    const file = await writeTempFile(dir, 'open-quote.csv', `${csv.join('\n')}\n`)
    const { outcome, imports } = await ingest('whatsapp', file)
    expect(outcome).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('unterminated quote starting at line 3'),
    })
    expect(imports.map((i) => [i.status, i.error])).toEqual([
      ['failed', expect.stringContaining('unterminated quote starting at line 3')],
    ])
  })

  it('a quote as the first byte fails as an unterminated quote, not as an empty file', async () => {
    const file = await writeTempFile(dir, 'quote-first.csv', `"${HEADER}\n${row('a')}\n`)
    const { outcome, imports } = await ingest('whatsapp', file)
    expect(outcome).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('unterminated quote starting at line 1'),
    })
    expect(imports.map((i) => i.status)).toEqual(['failed'])
  })
})
