import { describe, expect, it } from 'vitest'
import { parseAvayaCms } from '../../../src/adapters/phone/avaya-cms.js'
import type { AdapterOutput } from '../../../src/domain/adapter-output.js'
import type { TicketEvent } from '../../../src/domain/ticket-event.js'
import { UnreadableFileError } from '../../../src/errors.js'
import { runAdapter, runAdapterOn, testCustomerKey } from '../run-adapter.js'

const HEADER =
  'callid,segment,segstart,segstop,ucid,calling_pty,dialed_num,dispvdn,dispsplit,anslogin,disposition,talktime,duration'
const unix = (seconds: number) => new Date(seconds * 1000)

/** A CSV line as the header → value record the adapter keeps as raw. */
function record(line: string, header = HEADER): Record<string, string> {
  const cells = line.split(',')
  return Object.fromEntries(header.split(',').map((name, i) => [name, cells[i] ?? '']))
}

function call(
  fields: Partial<TicketEvent> & Pick<TicketEvent, 'sourceTicketId' | 'status'>,
): TicketEvent {
  return {
    channel: 'phone',
    openedAt: null,
    firstResponseAt: null,
    closedAt: null,
    agent: null,
    topic: null,
    segment: null,
    subject: null,
    customerKey: testCustomerKey('081234567890'),
    messageCount: null,
    raw: {},
    ...fields,
  }
}

const ticket = (recordNumber: number, event: TicketEvent): AdapterOutput => ({
  kind: 'ticket',
  recordNumber,
  event,
})

/** recordNumber, id and status (or skip reason) and agent of each output. */
function summarize(outputs: AdapterOutput[]): unknown[] {
  return outputs.map((output) => {
    if (output.kind === 'ticket') {
      const { sourceTicketId, status, agent } = output.event
      return [output.recordNumber, sourceTicketId, status, agent]
    }
    return [output.recordNumber, output.kind === 'skip' ? output.reason : output]
  })
}

describe('parseAvayaCms', () => {
  it('merges the format page sample: two segments of 41877 answered, 41878 abandoned', async () => {
    const segment1 =
      '41877,1,1638324430,1638324775,00001041771638324430,081234567890,150420,71001,5,4001,2,301,345'
    const abandoned =
      '41878,1,1638325784,1638325822,00001041781638325784,02131234567,150420,71001,5,,3,0,38'
    const segment2 =
      '41877,2,1638324740,1638324920,00001041771638324430,081234567890,150420,71002,6,4007,2,160,180'
    const answered = call({
      sourceTicketId: '00001041771638324430',
      openedAt: unix(1638324430),
      closedAt: unix(1638324920),
      status: 'resolved',
      agent: '4001',
      raw: { segments: [record(segment1), record(segment2)] },
    })
    expect(await runAdapter(parseAvayaCms, 'phone/sample.csv')).toEqual([
      ticket(1, answered),
      ticket(
        2,
        call({
          sourceTicketId: '00001041781638325784',
          openedAt: unix(1638325784),
          closedAt: unix(1638325822),
          status: 'abandoned',
          customerKey: testCustomerKey('02131234567'),
          raw: { segments: [record(abandoned)] },
        }),
      ),
      ticket(3, answered),
    ])
    expect(answered.openedAt).toEqual(new Date('2021-12-01T09:07:10+07:00'))
  })

  it('decides a call by its dispositions: answered beats abandoned beats interflow beats other', async () => {
    const outputs = await runAdapter(parseAvayaCms, 'phone/cms-dispositions.csv')
    expect(summarize(outputs)).toEqual([
      [1, '00001050001638338400', 'resolved', '4001'],
      [2, '00001050011638338400', 'resolved', '4001'],
      [3, '00001050021638338400', 'abandoned', null],
      [4, '00001050031638338400', 'abandoned', null],
      [5, '00001050041638338400', 'abandoned', null],
      [6, 'interflow'],
      [7, 'other disposition'],
      [8, '00001050071638338400', 'resolved', '4002'],
      [9, '00001050071638338400', 'resolved', '4002'],
      [10, '00001050081638338400', 'abandoned', null],
      [11, '00001050081638338400', 'abandoned', null],
      [12, 'interflow'],
      [13, 'interflow'],
      [14, '00001050101638338400', 'resolved', '4003'],
      [15, '00001050101638338400', 'resolved', '4003'],
    ])
    expect(outputs[7]).toEqual(
      ticket(
        8,
        call({
          sourceTicketId: '00001050071638338400',
          openedAt: unix(1638345600),
          closedAt: unix(1638345710),
          status: 'resolved',
          agent: '4002',
          raw: {
            segments: [
              record(
                '107,1,1638345600,1638345620,00001050071638338400,081234567890,150420,71001,5,,4,0,20',
              ),
              record(
                '107,2,1638345620,1638345710,00001050071638338400,081234567890,150420,71001,5,4002,2,90,90',
              ),
            ],
          },
        }),
      ),
    )
    expect(outputs[5]).toEqual({ kind: 'skip', recordNumber: 6, reason: 'interflow' })
  })

  it('ids a call without UCID as <callid>-<yyyymmdd>, the WIB date of its earliest segment', async () => {
    const outputs = await runAdapter(parseAvayaCms, 'phone/cms-no-ucid.csv')
    expect(summarize(outputs)).toEqual([
      [1, '501-20211130', 'resolved', '4009'],
      [2, '502-20211130', 'abandoned', null],
      [3, '501-20211130', 'resolved', '4009'],
      [4, '503-20211201', 'resolved', '4001'],
    ])
    expect(outputs[3]).toEqual(
      ticket(
        4,
        call({
          sourceTicketId: '503-20211201',
          openedAt: new Date('2021-12-01T00:00:00+07:00'),
          closedAt: unix(1638291700),
          status: 'resolved',
          agent: '4001',
          raw: {
            segments: [
              record('503,1,1638291600,1638291700,,0812-3456-7890,150420,71001,5,4001,1,100,100'),
            ],
          },
        }),
      ),
    )
    expect(outputs[0]).toMatchObject({
      event: { openedAt: unix(1638291480), closedAt: unix(1638292000) },
    })
  })

  it('splits a reused callid into calls: a segment number again, or a day later', async () => {
    const outputs = await runAdapter(parseAvayaCms, 'phone/cms-reused-callid.csv')
    expect(summarize(outputs)).toEqual([
      [1, '7-20211201', 'resolved', '4001'],
      [2, '7-20211202', 'abandoned', null],
      [3, '7-20211201', 'resolved', '4001'],
      [4, '7-20211203', 'resolved', '4003'],
    ])
  })

  it('ignores extra columns and matches headers in any case and order', async () => {
    const header =
      'ACWTIME,UCID,CallID,Segment,DISPOSITION,SegStart,SegStop,ANSLOGIN,Calling_Pty,EVENTS1,FIRSTVDN'
    const outputs = await runAdapter(parseAvayaCms, 'phone/cms-extra-columns.csv')
    expect(outputs).toEqual([
      ticket(
        1,
        call({
          sourceTicketId: '00001041771638324430',
          openedAt: unix(1638324430),
          closedAt: unix(1638324775),
          status: 'resolved',
          agent: '4001',
          raw: {
            segments: [
              record(
                '12,00001041771638324430,41877,1,2,1638324430,1638324775,4001,081234567890,0,71001',
                header,
              ),
            ],
          },
        }),
      ),
      ticket(
        2,
        call({
          sourceTicketId: '00001041781638325784',
          openedAt: unix(1638325784),
          closedAt: unix(1638325822),
          status: 'abandoned',
          customerKey: testCustomerKey('02131234567'),
          raw: {
            segments: [
              record(
                '0,00001041781638325784,41878,1,3,1638325784,1638325822,,02131234567,0,71001',
                header,
              ),
            ],
          },
        }),
      ),
    ])
  })

  it('fails a file without a required column', async () => {
    await expect(runAdapter(parseAvayaCms, 'phone/cms-missing-disposition.csv')).rejects.toThrow(
      new UnreadableFileError(
        'cms-missing-disposition.csv',
        'missing required column "disposition"',
      ),
    )
  })

  it('fails an empty file', async () => {
    await expect(runAdapterOn(parseAvayaCms, '', 'calls.csv')).rejects.toThrow(UnreadableFileError)
  })

  it('rejects bad rows and merges the rest of the call without them', async () => {
    const outputs = await runAdapter(parseAvayaCms, 'phone/cms-bad-rows.csv')
    const lines = [
      ',1,1638324430,1638324775,00001041771638324430,081234567890,150420,71001,5,4001,2,301,345',
      '41877,x,1638324430,1638324775,00001041771638324430,081234567890,150420,71001,5,4001,2,301,345',
      '41877,1,2021-12-01 09:07:10,1638324775,00001041771638324430,081234567890,150420,71001,5,4001,2,301,345',
      '41877,1,1638324430,1638324775,00001041771638324430,081234567890,150420,71001,5,4001,9,301,345',
      '41877,2,1638324740,soon,00001041771638324430,081234567890,150420,71002,6,4007,2,160,180',
    ]
    expect(outputs).toEqual([
      { kind: 'reject', recordNumber: 1, reason: 'missing callid', raw: lines[0] },
      { kind: 'reject', recordNumber: 2, reason: 'unparseable segment "x"', raw: lines[1] },
      {
        kind: 'reject',
        recordNumber: 3,
        reason: 'unparseable segstart "2021-12-01 09:07:10" (Unix seconds)',
        raw: lines[2],
      },
      { kind: 'reject', recordNumber: 4, reason: 'unknown disposition "9"', raw: lines[3] },
      {
        ...ticket(
          5,
          call({
            sourceTicketId: '00001041771638324430',
            openedAt: unix(1638324740),
            status: 'resolved',
            agent: '4007',
            raw: { segments: [record(lines[4]!)] },
          }),
        ),
        warnings: ['unparseable segstop: soon'],
      },
    ])
  })

  it('rejects a disposition named like an Object.prototype member as unknown', async () => {
    const header =
      'callid,segment,segstart,segstop,ucid,calling_pty,dialed_num,dispvdn,dispsplit,anslogin,disposition,talktime,duration'
    const row = (disposition: string) =>
      `41877,1,1638324430,1638324775,00001041771638324430,081234567890,150420,71001,5,4001,${disposition},301,345`
    const csv = [header, row('2'), row('constructor'), row('toString')].join('\n')
    const outputs = await runAdapterOn(parseAvayaCms, csv, 'calls.csv')
    // A call's segments merge, so its ticket comes once the file is read.
    expect(outputs.map((o) => (o.kind === 'reject' ? o.reason : o.kind))).toEqual([
      'unknown disposition "constructor"',
      'unknown disposition "toString"',
      'ticket',
    ])
  })
})
