import { execFile } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { fixturePath } from '../adapters/run-adapter.js'
import { CLI_ARGS } from '../support/cli.js'
import { ingestAndWait, writeTempFile } from '../support/ingest.js'
import { useTestServices } from '../support/services.js'

const run = promisify(execFile)

describe('every channel through the queue, worker and Postgres', () => {
  const t = useTestServices()
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dering-channels-'))
    await t.startWorker('ingest')
  })

  const tickets = (channel: string) =>
    t.services.db
      .selectFrom('ticket')
      .select(['source_ticket_id', 'status', 'opened_at'])
      .where('channel', '=', channel)
      .orderBy('source_ticket_id')
      .execute()

  it('phone: the CDR sample gives 3 tickets (2 answered, 1 abandoned) and 1 skipped outgoing call', async () => {
    const [outcome] = await ingestAndWait(t.services, 'phone', [fixturePath('phone/sample.cdr')])
    expect(outcome).toMatchObject({
      status: 'ingested',
      result: {
        read: 4,
        inserted: 3,
        skipped: 1,
        rejected: 0,
        skippedByReason: { 'outgoing call': 1 },
      },
    })
    const rows = await tickets('phone')
    expect(rows.map((r) => r.status).sort()).toEqual(['abandoned', 'resolved', 'resolved'])
    expect(rows.find((r) => r.source_ticket_id === '00001041801638291364')?.opened_at).toEqual(
      new Date('2021-11-30T16:56:00Z'),
    )
  })

  it('phone: a CMS call split over two segments is one ticket', async () => {
    const [outcome] = await ingestAndWait(t.services, 'phone', [fixturePath('phone/sample.csv')])
    expect(outcome).toMatchObject({
      status: 'ingested',
      result: { read: 3, inserted: 2, unchanged: 1 },
    })
  })

  it('hai_kemenkeu: only DJPK rows, with UTC times', async () => {
    const [outcome] = await ingestAndWait(t.services, 'hai_kemenkeu', [
      fixturePath('hai_kemenkeu/sample.csv'),
    ])
    expect(outcome).toMatchObject({
      status: 'ingested',
      result: { read: 3, inserted: 2, skippedByReason: { 'other unit': 1 } },
    })
    expect(await tickets('hai_kemenkeu')).toEqual([
      {
        source_ticket_id: '88121',
        status: 'resolved',
        opened_at: new Date('2021-12-01T02:10:44Z'),
      },
      { source_ticket_id: '88177', status: 'pending', opened_at: new Date('2021-11-30T18:30:00Z') },
    ])
  })

  it('livechat: 3 chats, one abandoned, 5103 opened in December WIB', async () => {
    const [outcome] = await ingestAndWait(t.services, 'livechat', [
      fixturePath('livechat/sample-page.json'),
    ])
    expect(outcome).toMatchObject({ status: 'ingested', result: { read: 3, inserted: 3 } })
    expect(await tickets('livechat')).toEqual([
      { source_ticket_id: '5101', status: 'resolved', opened_at: new Date('2021-12-01T02:11:05Z') },
      {
        source_ticket_id: '5102',
        status: 'abandoned',
        opened_at: new Date('2021-12-01T03:00:00Z'),
      },
      { source_ticket_id: '5103', status: 'open', opened_at: new Date('2021-11-30T17:20:18Z') },
    ])
  })

  it('email: a thread split over two files gives the same ticket in either order', async () => {
    const mbox = await readFile(fixturePath('email/reply-before-question.mbox'), 'utf8')
    const [reply, question] = mbox.split(/\n(?=From dewi)/)
    const replyFile = await writeTempFile(dir, 'reply.mbox', `${reply}\n`)
    const questionFile = await writeTempFile(dir, 'question.mbox', question!)
    const [first] = await ingestAndWait(t.services, 'email', [replyFile])
    expect(first).toMatchObject({
      status: 'ingested',
      result: { read: 1, skippedByReason: { 'agent reply': 1 } },
    })
    const afterReply = await t.services.db
      .selectFrom('ticket')
      .selectAll()
      .where('channel', '=', 'email')
      .execute()
    expect(afterReply).toMatchObject([{ opened_at: null, status: 'resolved' }])

    const [second] = await ingestAndWait(t.services, 'email', [questionFile])
    expect(second).toMatchObject({ status: 'ingested', result: { read: 1, updated: 1 } })
    const [ticket] = await t.services.db
      .selectFrom('ticket')
      .selectAll()
      .where('channel', '=', 'email')
      .execute()
    expect(ticket).toMatchObject({
      source_ticket_id: 'a1b2c3d4.5e6f@mail.yahoo.co.id',
      opened_at: new Date('2021-01-15T02:30:00Z'),
      first_response_at: new Date('2021-01-15T07:05:10Z'),
      status: 'resolved',
      subject: 'Rincian DAK Fisik 2021',
    })
  })

  it('email lapor: attachments become documents once, however often they arrive', async () => {
    const file = fixturePath('email/lapor-duplicate-attachment.eml')
    const [outcome] = await ingestAndWait(t.services, 'email', [file])
    expect(outcome).toMatchObject({
      status: 'ingested',
      result: { read: 2, inserted: 1, unchanged: 1 },
    })
    const again = await writeTempFile(dir, 'again.eml', `${await readFile(file, 'utf8')}\n`)
    const [repeat] = await ingestAndWait(t.services, 'email', [again])
    expect(repeat).toMatchObject({
      status: 'ingested',
      result: { read: 2, inserted: 0, unchanged: 2 },
    })
    const documents = await t.services.db
      .selectFrom('document')
      .select(['message_id', 'file_name', 'size_bytes'])
      .execute()
    expect(documents).toEqual([
      {
        message_id: 'lapor-dup@bpkad.slemankab.go.id',
        file_name: 'laporan.pdf',
        size_bytes: expect.any(Number),
      },
    ])
  })

  it("`dering ingest` detects each file's channel in a mixed folder", async () => {
    const mixed = path.join(dir, 'mixed')
    await mkdir(mixed)
    const samples: [string, string][] = [
      ['whatsapp/sample-bom-semicolon.csv', 'sociomile.csv'],
      ['phone/sample.cdr', 'switch.cdr'],
      ['phone/cms-extra-columns.csv', 'cms.csv'],
      ['hai_kemenkeu/sample.csv', 'hai.csv'],
      ['hai_kemenkeu/date-cells.xlsx', 'hai.xlsx'],
      ['livechat/sample-page.json', 'chats.json'],
      ['email/sample-thread.mbox', 'inbox.mbox'],
    ]
    for (const [from, to] of samples) await copyFile(fixturePath(from), path.join(mixed, to))
    const { stdout } = await run(process.execPath, [...CLI_ARGS, 'ingest', mixed, '--json'], {
      env: { ...process.env, ...t.env() },
    })
    const channels = Object.fromEntries(
      (JSON.parse(stdout) as { files: { path: string; channel: string }[] }).files.map((f) => [
        path.basename(f.path),
        f.channel,
      ]),
    )
    expect(channels).toEqual({
      'chats.json': 'livechat',
      'cms.csv': 'phone',
      'hai.csv': 'hai_kemenkeu',
      'hai.xlsx': 'hai_kemenkeu',
      'inbox.mbox': 'email',
      'sociomile.csv': 'whatsapp',
      'switch.cdr': 'phone',
    })
  })

  it('`dering ingest` refuses a file it cannot place, naming the candidates and --channel', async () => {
    const odd = await writeTempFile(dir, 'odd.csv', 'foo;bar\n1;2\n')
    const failure = await run(process.execPath, [...CLI_ARGS, 'ingest', odd], {
      env: { ...process.env, ...t.env() },
    }).catch((e: unknown) => e)
    expect(failure).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/cannot tell its channel.*--channel/),
    })
  })
})
