import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { defaultDateWindow } from '../../../src/config.js'
import { DEFAULT_ADAPTER_OPTIONS } from '../../../src/services.js'
import { parseDeskproLivechat } from '../../../src/adapters/livechat/deskpro-livechat.js'
import type { AdapterOutput } from '../../../src/domain/adapter-output.js'
import { DEFAULT_SEGMENT_MAP } from '../../../src/domain/segment.js'
import type { TicketEvent } from '../../../src/domain/ticket-event.js'
import { toWibMonth } from '../../../src/domain/wib-month.js'
import { UnreadableFileError } from '../../../src/errors.js'
import {
  fixturePath,
  runAdapter,
  runAdapterOn,
  runAdapterUntilFailure,
  testCustomerKey,
  blankEvent,
} from '../run-adapter.js'

const run = (fixture: string) => runAdapter(parseDeskproLivechat, `livechat/${fixture}`)

/** The chats of a fixture as the source holds them: what each ticket keeps as raw. */
function chatsOf(fixture: string): Record<string, unknown>[] {
  const text = readFileSync(fixturePath(`livechat/${fixture}`), 'utf8').replace(/^\uFEFF/, '')
  const parsed = JSON.parse(text) as Record<string, unknown>[] | { data: Record<string, unknown>[] }
  return Array.isArray(parsed) ? parsed : parsed.data
}

function ticket(
  recordNumber: number,
  event: Partial<TicketEvent> & Pick<TicketEvent, 'sourceTicketId' | 'raw'>,
): AdapterOutput {
  return {
    kind: 'ticket',
    recordNumber,
    event: {
      ...blankEvent('livechat'),
      ...event,
    },
    rawJson: expect.any(String) as string,
  }
}

const statusesOf = (outputs: AdapterOutput[]) =>
  outputs.map((o) => (o.kind === 'ticket' ? [o.event.sourceTicketId, o.event.status] : o.kind))

describe('parseDeskproLivechat', () => {
  it('reads the format page sample: an API page with an abandoned chat and a December one', async () => {
    const chats = chatsOf('sample-page.json')
    const outputs = await run('sample-page.json')
    expect(outputs).toEqual([
      ticket(1, {
        sourceTicketId: '5101',
        openedAt: new Date('2021-12-01T02:11:05Z'),
        firstResponseAt: new Date('2021-12-01T02:12:40Z'),
        closedAt: new Date('2021-12-01T02:25:51Z'),
        status: 'resolved',
        agent: 'Rina',
        topic: 'DBH',
        segment: 'pemda',
        subject: 'Tanya DBH',
        customerKey: testCustomerKey('budi@bpkad.bantulkab.go.id'),
        raw: chats[0]!,
      }),
      ticket(2, {
        sourceTicketId: '5102',
        openedAt: new Date('2021-12-01T03:00:00Z'),
        closedAt: new Date('2021-12-01T03:05:00Z'),
        status: 'abandoned',
        topic: 'Layanan DJPK',
        raw: chats[1]!,
      }),
      ticket(3, {
        sourceTicketId: '5103',
        openedAt: new Date('2021-11-30T17:20:18Z'),
        status: 'open',
        agent: 'Agus',
        topic: 'SIKD',
        subject: 'Gagal upload SIKD',
        raw: chats[2]!,
      }),
    ])
    const late = outputs[2]
    expect(late?.kind === 'ticket' && toWibMonth(late.event.openedAt!)).toBe('2021-12')
  })

  it('reads a plain array: person_email, ISO offsets, department fallbacks, message counts', async () => {
    const chats = chatsOf('plain-array.json')
    expect(await run('plain-array.json')).toEqual([
      ticket(1, {
        sourceTicketId: '5201',
        openedAt: new Date('2021-12-02T01:00:00Z'),
        firstResponseAt: new Date('2021-12-02T01:01:30Z'),
        closedAt: new Date('2021-12-02T01:09:00Z'),
        status: 'resolved',
        agent: 'Rina',
        topic: 'Layanan DJPK',
        subject: 'Jadwal penyaluran DAU',
        customerKey: testCustomerKey('ani@kemendagri.go.id'),
        messageCount: 3,
        raw: chats[0]!,
      }),
      ticket(2, {
        sourceTicketId: '5202',
        openedAt: new Date('2021-12-02T01:30:00Z'),
        closedAt: new Date('2021-12-02T01:40:00Z'),
        status: 'resolved',
        agent: 'Agus',
        topic: 'Tanya SIKD',
        subject: 'Tanya SIKD',
        customerKey: testCustomerKey('dedi@ugm.ac.id'),
        messageCount: 0,
        raw: chats[1]!,
      }),
    ])
  })

  it('abandons chats the visitor left, or that timed out before any agent message', async () => {
    expect(statusesOf(await run('ended-by.json'))).toEqual([
      ['5301', 'resolved'], // agent
      ['5302', 'resolved'], // user
      ['5303', 'resolved'], // timeout
      ['5304', 'abandoned'], // wait_timeout, no agent message
      ['5305', 'resolved'], // wait_timeout after an agent message
      ['5306', 'abandoned'], // Abandoned
      ['5307', 'resolved'], // ended_by null
      ['5308', 'open'],
    ])
  })

  it('takes date_created_ts over date_created, falling back with a warning when it is bad', async () => {
    const chats = chatsOf('date-created-ts-wins.json')
    const midnightWib = new Date('2021-11-30T17:00:00Z')
    expect(await run('date-created-ts-wins.json')).toEqual([
      ticket(1, { sourceTicketId: '5401', openedAt: midnightWib, raw: chats[0]! }),
      ticket(2, { sourceTicketId: '5402', openedAt: midnightWib, raw: chats[1]! }),
      {
        ...ticket(3, {
          sourceTicketId: '5403',
          openedAt: new Date('2021-12-01T10:00:00Z'),
          raw: chats[2]!,
        }),
        warnings: ['unparseable date_created_ts: "kemarin"'],
      },
      ticket(4, { sourceTicketId: '5404', openedAt: midnightWib, raw: chats[3]! }),
    ])
  })

  it('reads Jenis Pengguna from custom_data or fields, titles matched case-insensitively', async () => {
    const segments = (await run('segment-custom-data-vs-fields.json')).map(
      (o) => o.kind === 'ticket' && o.event.segment,
    )
    expect(segments).toEqual(['pemda', 'kementerian_lembaga', 'mahasiswa', 'lainnya', null])
  })

  it('skips agent-to-agent chats', async () => {
    const chats = chatsOf('agent-to-agent.json')
    expect(await run('agent-to-agent.json')).toEqual([
      { kind: 'skip', recordNumber: 1, reason: 'agent-to-agent chat' },
      ticket(2, {
        sourceTicketId: '5602',
        openedAt: new Date('2021-12-05T01:00:00Z'),
        firstResponseAt: new Date('2021-12-05T01:00:30Z'),
        closedAt: new Date('2021-12-05T01:02:00Z'),
        status: 'resolved',
        agent: 'Rina',
        raw: chats[1]!,
      }),
    ])
  })

  it('rejects records that are not chats, lack an id or a readable date_created', async () => {
    const chats = chatsOf('bad-records.json')
    const reject = (recordNumber: number, reason: string) => ({
      kind: 'reject',
      recordNumber,
      reason,
      raw: JSON.stringify(chats[recordNumber - 1]),
    })
    expect(await run('bad-records.json')).toEqual([
      reject(1, 'not a chat object'),
      reject(2, 'missing id'),
      reject(3, 'invalid id: "KMK-5703"'),
      reject(4, 'missing date_created'),
      reject(5, 'unparseable date_created: 06/13/2021 01:00'),
      {
        ...ticket(6, {
          sourceTicketId: '5706',
          openedAt: new Date('2021-12-06T01:00:00Z'),
          closedAt: new Date('2021-12-06T01:30:00Z'),
          status: 'resolved',
          raw: chats[5]!,
        }),
        warnings: ['unparseable date_first_agent_message: soon'],
      },
    ])
  })

  it('keeps each chat as the JSON text the file holds, for the raw record store', async () => {
    for (const fixture of ['sample-page.json', 'bad-line.ndjson']) {
      const tickets = (await run(fixture)).filter((o) => o.kind === 'ticket')
      expect(tickets.length).toBeGreaterThan(0)
      for (const { rawJson, event } of tickets) expect(JSON.parse(rawJson!)).toEqual(event.raw)
    }
    const lines = readFileSync(fixturePath('livechat/bad-line.ndjson'), 'utf8').split('\r\n')
    const [first] = (await run('bad-line.ndjson')).filter((o) => o.kind === 'ticket')
    expect(first?.rawJson).toBe(lines[0])
  })

  it('reads NDJSON line by line: a bad line is rejected, blank lines are not records', async () => {
    const lines = readFileSync(fixturePath('livechat/bad-line.ndjson'), 'utf8').split('\r\n')
    expect(await run('bad-line.ndjson')).toEqual([
      ticket(1, {
        sourceTicketId: '5801',
        openedAt: new Date('2021-12-07T01:00:00Z'),
        topic: 'DAK',
        subject: 'Tanya DAK',
        raw: JSON.parse(lines[0]!) as Record<string, unknown>,
      }),
      {
        kind: 'reject',
        recordNumber: 2,
        reason: expect.stringMatching(/^invalid JSON: /) as unknown as string,
        raw: lines[2],
      },
      ticket(3, {
        sourceTicketId: '5803',
        openedAt: new Date('2021-12-07T03:00:00Z'),
        closedAt: new Date('2021-12-07T03:05:00Z'),
        status: 'abandoned',
        topic: 'Tanya DBH',
        subject: 'Tanya DBH',
        raw: JSON.parse(lines[3]!) as Record<string, unknown>,
      }),
    ])
  })

  it('yields the chats before a truncation, then fails the file where reading stopped', async () => {
    const stopped = (after: number) =>
      expect.objectContaining({
        name: 'UnreadableFileError',
        message: expect.stringMatching(
          new RegExp(
            `: reading stopped after record ${after} \\(byte \\d+\\): invalid or truncated JSON after chat ${after}: `,
          ),
        ) as unknown,
      }) as unknown
    expect(
      await runAdapterUntilFailure(parseDeskproLivechat, 'livechat/truncated-array.json'),
    ).toEqual([
      ticket(1, {
        sourceTicketId: '5901',
        openedAt: new Date('2021-12-08T01:00:00Z'),
        raw: { id: 5901, status: 'open', date_created: '2021-12-08 01:00:00' },
      }),
      ticket(2, {
        sourceTicketId: '5902',
        openedAt: new Date('2021-12-08T02:00:00Z'),
        raw: { id: 5902, status: 'open', date_created: '2021-12-08 02:00:00' },
      }),
      stopped(2),
    ])
    expect(
      await runAdapterUntilFailure(parseDeskproLivechat, 'livechat/truncated-page.json'),
    ).toEqual([
      ticket(1, {
        sourceTicketId: '6001',
        openedAt: new Date('2021-12-09T01:00:00Z'),
        raw: { id: 6001, status: 'open', date_created: '2021-12-09 01:00:00' },
      }),
      stopped(1),
    ])
  })

  it('tells a one-line page, NDJSON named .json and a pretty page with a BOM apart', async () => {
    const ids = (outputs: AdapterOutput[]) =>
      outputs.map((o) => o.kind === 'ticket' && o.event.sourceTicketId)
    expect(ids(await run('one-line-page.json'))).toEqual(['6101'])
    expect(ids(await run('ndjson-named-json.json'))).toEqual(['6201', '6202'])
    expect(ids(await run('pretty-page-meta-first-bom.json'))).toEqual(['6301'])
    const oneChat = '{"id":6401,"status":"open","date_created":"2021-12-13 01:00:00"}'
    expect(ids(await runAdapterOn(parseDeskproLivechat, oneChat, 'chat.json'))).toEqual(['6401'])
    expect(
      ids(await runAdapterOn(parseDeskproLivechat, `\n${oneChat}\n\n`, 'chats.jsonl')),
    ).toEqual(['6401'])
  })

  it('fails a file in which no record is a chat, as not a Deskpro chat file', async () => {
    // A web server's JSON log saved as .ndjson, and an address book exported as a JSON array.
    await expect(run('app-log-not-chats.ndjson')).rejects.toThrow(
      new UnreadableFileError(
        'app-log-not-chats.ndjson',
        'not a Deskpro chat file: none of its 4 records is a Deskpro chat record ' +
          '(record 1: not a chat: none of id, date_created, date_created_ts)',
      ),
    )
    await expect(run('address-book-not-chats.json')).rejects.toThrow(
      'address-book-not-chats.json: not a Deskpro chat file: none of its 3 records is a ' +
        'Deskpro chat record (record 1: not a chat: none of id, date_created, date_created_ts)',
    )
    // One chat among them is enough: the rest are bad records of a chat file.
    const log = readFileSync(fixturePath('livechat/app-log-not-chats.ndjson'), 'utf8')
    const chat = '{"id":6401,"status":"open","date_created":"2021-12-13 01:00:00"}'
    const outputs = await runAdapterOn(parseDeskproLivechat, `${log}${chat}\n`, 'mixed.ndjson')
    expect(outputs.map((output) => output.kind)).toEqual([
      'reject',
      'reject',
      'reject',
      'reject',
      'ticket',
    ])
  })

  it('refuses input where not one chat can be read', async () => {
    const refuse = async (content: string, message: RegExp) => {
      const error = await runAdapterOn(parseDeskproLivechat, content, 'chats.json').catch(
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(UnreadableFileError)
      expect((error as Error).message).toMatch(message)
    }
    await refuse('', /empty file/)
    await refuse('Ticket ID,Status\n', /: not a Deskpro chat file: expected Deskpro chats as JSON/)
    await refuse('[{"id":6501,', /: not a Deskpro chat file: no chat could be read/)
    await refuse(
      '{\n"meta": {"pagination": {"total": 0}}\n}',
      /: not a Deskpro chat file: expected an API page with a top-level "data" array/,
    )
    await refuse(
      '{\n"data": {"id": 1}\n}',
      /: not a Deskpro chat file: no chat could be read: the page's "data" is not an array of chats/,
    )
    expect(
      await runAdapterOn(parseDeskproLivechat, '{"data":[],"meta":{}}', 'empty-page.json'),
    ).toEqual([])
  })

  it('fails on a read error instead of rejecting it as bad JSON', async () => {
    async function* failing() {
      yield Buffer.from('[{"id":6601,"status":"open","date_created":"2021-12-14 01:00:00"},')
      await Promise.resolve()
      throw new Error('disk gone')
    }
    for (const fileName of ['chats.json', 'chats.ndjson']) {
      const outputs: AdapterOutput[] = []
      const parse = async () => {
        for await (const output of parseDeskproLivechat(
          Readable.from(failing()),
          context(fileName),
        )) {
          outputs.push(output)
        }
      }
      await expect(parse()).rejects.toThrow('disk gone')
      expect(outputs.every((o) => o.kind !== 'reject')).toBe(true)
    }
  })

  it.each(['array', 'page', 'ndjson'] as const)(
    'streams a large %s: the first chat comes out long before the input ends',
    async (shape) => {
      const chats = 10_000
      let sentChats = 0
      function* generate() {
        if (shape !== 'ndjson') yield Buffer.from(shape === 'page' ? '{"data":[' : '[')
        for (let i = 1; i <= chats; i += 1) {
          sentChats = i
          const chat = JSON.stringify({
            id: i,
            status: 'open',
            date_created: '2021-12-15 01:00:00',
            subject: 'x'.repeat(400),
          })
          yield Buffer.from(shape === 'ndjson' ? `${chat}\n` : `${i > 1 ? ',' : ''}${chat}`)
        }
        if (shape !== 'ndjson') yield Buffer.from(shape === 'page' ? '],"meta":{}}' : ']')
      }
      const fileName = shape === 'ndjson' ? 'big.ndjson' : 'big.json'
      let count = 0
      let sentAtFirst = 0
      for await (const output of parseDeskproLivechat(
        Readable.from(generate()),
        context(fileName),
      )) {
        if (count === 0) sentAtFirst = sentChats
        count += 1
        expect(output.kind).toBe('ticket')
      }
      expect(count).toBe(chats)
      // Only the sniffed head (256 KiB, under 600 chats here) is read ahead.
      expect(sentAtFirst).toBeLessThan(chats / 5)
    },
    30_000,
  )
})

function context(fileName: string) {
  return {
    fileName,
    customerKey: testCustomerKey,
    segmentMap: DEFAULT_SEGMENT_MAP,
    options: DEFAULT_ADAPTER_OPTIONS,
    dateWindow: defaultDateWindow(new Date()),
    note: () => undefined,
  }
}
