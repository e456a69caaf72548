import { copyFile, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enqueueFromPath } from '../../src/jobs/enqueue-from-path.js'
import { ingestJobId } from '../../src/queue/catalog.js'
import { ingestAndWait } from '../support/ingest.js'
import { useTestServices } from '../support/services.js'
import { countRows, importsOf, writeLargeExport } from './fault-probes.js'
import { startWorkerProcess, type DeringProcess } from '../support/dering-process.js'
import { waitFor } from './wait-for.js'

const HEADER =
  'Ticket ID;Channel;Customer Phone;Subject;Category;Customer Type;Status;Agent;Created At;First Response At;Resolved At'

/** Export `revision` of the same tickets: 1 just opened, 2 taken up by an agent, 3 resolved. */
function overlappingExport(tickets: number, revision: 1 | 2 | 3): string {
  const rows = Array.from({ length: tickets }, (_, i) => {
    const id = `64fa${String(i).padStart(20, '0')}`
    const opened = `0${1 + (i % 9)}/12/2021 09:${String(i % 60).padStart(2, '0')}`
    const [status, agent, responded, resolved] = [
      ['Baru', '', '', ''],
      ['Diproses', 'Agus', opened.replace(' 09:', ' 10:'), ''],
      ['Selesai', 'Rina', opened.replace(' 09:', ' 10:'), opened.replace(' 09:', ' 11:')],
    ][revision - 1]!
    return `${id};WA;0812${String(i).padStart(8, '0')};Pertanyaan r${revision};SIKD;Pemda;${status};${agent};${opened};${responded};${resolved}`
  })
  return `${HEADER}\n${rows.join('\n')}\n`
}

describe('the same content twice, and overlapping exports in any order', () => {
  const t = useTestServices()
  const workers: DeringProcess[] = []
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dering-fault-'))
  })
  afterAll(() => workers.forEach((worker) => worker.kill('SIGKILL')))

  it('one file under two paths: one job; even two jobs run at once by two workers load every ticket once', async () => {
    const file = await writeLargeExport(6_000)
    const copy = path.join(dir, 'copy-of-export.csv')
    await copyFile(file.path, copy)
    const first = await enqueueFromPath(t.services, { channel: 'whatsapp', path: file.path })
    const second = await enqueueFromPath(t.services, { channel: 'whatsapp', path: copy })
    expect([first.state, second.state]).toEqual(['queued', 'already queued'])
    expect(second.jobId).toBe(first.jobId)
    await t.services.queues.ingest.obliterate({ force: true })

    // Past the content address (a replay racing a fresh ingest): two jobs, two processes, one file.
    const env = { ...t.env(), BATCH_SIZE: '250', WORKER_CONCURRENCY: '1' }
    workers.push(...(await Promise.all([startWorkerProcess(env), startWorkerProcess(env)])))
    const jobIds = [
      ingestJobId('whatsapp', file.sha256),
      `${ingestJobId('whatsapp', file.sha256)}-again`,
    ]
    await t.services.queues.ingest.addBulk([
      {
        name: 'file',
        data: { channel: 'whatsapp', name: file.path, sha256: file.sha256 },
        opts: { jobId: jobIds[0] },
      },
      {
        name: 'file',
        data: { channel: 'whatsapp', name: copy, sha256: file.sha256 },
        opts: { jobId: jobIds[1] },
      },
    ])
    await waitFor('both jobs to complete', async () => {
      const states = await Promise.all(
        jobIds.map(async (id) => (await t.services.queues.ingest.getJob(id))?.getState()),
      )
      return states.every((state) => state === 'completed')
    })
    for (const worker of workers.splice(0)) {
      worker.kill('SIGTERM')
      expect(await worker.exited).toBe(0)
    }

    const imports = await importsOf(t.services.db)
    expect(imports).toHaveLength(2)
    for (const row of imports) {
      expect(row).toMatchObject({
        status: 'succeeded',
        records_read: 6_000,
        updated: 0,
        rejected: 0,
      })
      expect(row.inserted + row.unchanged).toBe(6_000)
    }
    expect(imports[0]!.inserted + imports[1]!.inserted).toBe(6_000)
    expect(await countRows(t.services.db, 'ticket')).toBe(6_000)
    expect(await countRows(t.services.db, 'ticket_source')).toBe(6_000)
  })

  it('three overlapping exports ingested newest first: the newest state wins and the older ones change nothing', async () => {
    await t.startWorker('ingest')
    const tickets = 2_000
    const outcomes = []
    for (const revision of [3, 2, 1] as const) {
      const file = path.join(dir, `export-r${revision}.csv`)
      await writeFile(file, overlappingExport(tickets, revision))
      outcomes.push(...(await ingestAndWait(t.services, 'whatsapp', [file])))
    }
    expect(
      outcomes.map((o) =>
        o.status === 'ingested'
          ? [o.result.inserted, o.result.updated, o.result.unchanged]
          : o.error,
      ),
    ).toEqual([
      [tickets, 0, 0],
      [0, 0, tickets],
      [0, 0, tickets],
    ])
    const { rows } = await sql<{
      status: string
      agent: string
      subject: string
      closed: number
      responded: number
      n: number
    }>`
      select status, agent, subject, count(closed_at)::int as closed, count(first_response_at)::int as responded, count(*)::int as n
      from ticket where source_ticket_id like '64fa%' group by 1, 2, 3
    `.execute(t.services.db)
    expect(rows).toEqual([
      {
        status: 'resolved',
        agent: 'Rina',
        subject: 'Pertanyaan r3',
        closed: tickets,
        responded: tickets,
        n: tickets,
      },
    ])
    // Every distinct source record is kept, once: three versions of each ticket.
    const { rows: sources } = await sql<{ n: number }>`
      select count(*)::int as n from ticket_source where source_ticket_id like '64fa%'
    `.execute(t.services.db)
    expect(sources[0]!.n).toBe(3 * tickets)
  })
})
