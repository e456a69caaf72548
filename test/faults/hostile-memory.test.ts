import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, writeFile as writeBytes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Channel } from '../../src/domain/channel.js'
import { enqueueFromPath } from '../../src/jobs/enqueue-from-path.js'
import { useTestServices } from '../support/services.js'
import { workbookParts, zipParts } from '../support/xlsx-package.js'
import { TICKETS } from '../adapters/xlsx-fixtures.js'
import { startWorkerProcess, type DeringProcess } from '../support/dering-process.js'
import { waitFor } from './wait-for.js'

// The worker's peak memory on hostile files, measured as the kernel sees it (VmHWM of a real
// `dering worker` process) with the default limits: a 150 MB NDJSON line, a CSV whose quote at
// row 2 never closes before 150 MB of rows, and an XLSX zip bomb. Each once took gigabytes.

const PEAK_LIMIT_MB = 300
const HEADER =
  'Ticket ID;Channel;Customer Phone;Subject;Category;Customer Type;Status;Agent;Created At;First Response At;Resolved At'

async function writeFile(file: string, head: string, block: string, bytes: number, tail = '') {
  const out = createWriteStream(file)
  out.write(head)
  for (let left = bytes; left > 0; left -= block.length) {
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  await new Promise<void>((resolve, reject) => out.end(tail, resolve).on('error', reject))
  return file
}

describe('worker memory on hostile files', () => {
  const t = useTestServices()
  let worker: DeringProcess
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dering-hostile-memory-'))
    worker = await startWorkerProcess({ ...t.env(), WORKER_CONCURRENCY: '1' })
  })
  afterAll(async () => {
    worker?.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
  })

  const ingest = async (channel: Channel, file: string) => {
    const { jobId } = await enqueueFromPath(t.services, { channel, path: file })
    const state = await waitFor(
      `job ${jobId} to end`,
      async () => {
        const job = await t.services.queues.ingest.getJob(jobId)
        const s = await job?.getState()
        return s === 'completed' || s === 'failed' ? s : null
      },
      240_000,
    )
    return { state, peak: (await worker.peakRss()) / 2 ** 20 }
  }

  it('stays under 300 MB on each, with the outcome each should have', async () => {
    const line = `{"id":1,"status":"open","subject":"x","date_created":"2021-12-07 01:00:00"}\n`
    const ndjson = await writeFile(
      path.join(dir, 'huge-line.ndjson'),
      `${line}{"id":2,"subject":"`,
      'y'.repeat(1 << 20),
      150 << 20,
      `"}\n${line.replace('"id":1', '"id":3')}`,
    )
    const row = (id: number) => `${id};WA;;x;;;Open;;01/12/2021 10:00;;\n`
    const csv = await writeFile(
      path.join(dir, 'open-quote.csv'),
      `${HEADER}\n${row(1)}2;WA;;"never closed;;;Open;;01/12/2021 10:00;;\n`,
      Array.from({ length: 20_000 }, (_, i) => row(i + 10)).join(''),
      150 << 20,
    )
    const bomb = path.join(dir, 'bomb.xlsx')
    const parts = workbookParts([TICKETS]).map(([p, content]) =>
      p === 'xl/worksheets/sheet1.xml'
        ? ([p, Buffer.concat([Buffer.from(content), Buffer.alloc(256 << 20, 0x20)])] as const)
        : ([p, content] as const),
    )
    await writeBytes(bomb, zipParts(parts))

    const results = {
      ndjson: await ingest('livechat', ndjson),
      csv: await ingest('whatsapp', csv),
      bomb: await ingest('whatsapp', bomb),
    }
    // VmHWM is the peak so far: each figure covers the files before it too.
    console.log(JSON.stringify(results))
    expect(results.ndjson.state).toBe('completed')
    expect(results.csv.state).toBe('failed')
    expect(results.bomb.state).toBe('failed')
    for (const { peak } of Object.values(results)) expect(peak).toBeLessThan(PEAK_LIMIT_MB)
  }, 600_000)
})
