import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { defaultDateWindow } from '../../../src/config.js'
import { DEFAULT_ADAPTER_OPTIONS } from '../../../src/services.js'
import { parseAvayaCdr } from '../../../src/adapters/phone/avaya-cdr.js'
import type { AdapterOutput } from '../../../src/domain/adapter-output.js'
import { mergeTicketEvents } from '../../../src/domain/merge-ticket.js'
import { DEFAULT_SEGMENT_MAP } from '../../../src/domain/segment.js'
import type { TicketEvent } from '../../../src/domain/ticket-event.js'
import type { TicketStatus } from '../../../src/domain/ticket-status.js'
import { toWibMonth } from '../../../src/domain/wib-month.js'
import { UnreadableFileError } from '../../../src/errors.js'
import { fixturePath, runAdapter, runAdapterOn, testCustomerKey } from '../run-adapter.js'

const wib = (text: string) => new Date(`${text}+07:00`)

/** The default layout's items of an incoming trunk call to 150420 via VDN 71001. */
function incomingItems(items: {
  date: string
  time: string
  secDur: string
  condCode: string
  callingNum: string
  inCrtId: string
  ucid: string
}): Record<string, string> {
  return {
    date: items.date,
    time: items.time,
    'sec-dur': items.secDur,
    'cond-code': items.condCode,
    'code-dial': '',
    'code-used': '',
    'in-trk-code': '0701',
    'dialed-num': '150420',
    'calling-num': items.callingNum,
    vdn: '71001',
    'in-crt-id': items.inCrtId,
    ucid: items.ucid,
  }
}

function ticket(
  recordNumber: number,
  fields: { id: string; opened: string; closed: string; status: TicketStatus; caller: string },
  raw: Record<string, string>,
): AdapterOutput {
  return {
    kind: 'ticket',
    recordNumber,
    event: {
      channel: 'phone',
      sourceTicketId: fields.id,
      openedAt: wib(fields.opened),
      firstResponseAt: null,
      closedAt: wib(fields.closed),
      status: fields.status,
      agent: null,
      topic: null,
      segment: null,
      subject: null,
      customerKey: testCustomerKey(fields.caller),
      messageCount: null,
      raw,
    },
  }
}

const answered0912 = ticket(
  1,
  {
    id: '00001041771638324775',
    opened: '2021-12-01T09:06:15',
    closed: '2021-12-01T09:12',
    status: 'resolved',
    caller: '081234567890',
  },
  incomingItems({
    date: '011221',
    time: '0912',
    secDur: '345',
    condCode: '9',
    callingNum: '081234567890',
    inCrtId: '012',
    ucid: '00001041771638324775',
  }),
)
const abandoned0931 = ticket(
  2,
  {
    id: '00001041781638325822',
    opened: '2021-12-01T09:30:22',
    closed: '2021-12-01T09:31',
    status: 'abandoned',
    caller: '02131234567',
  },
  incomingItems({
    date: '011221',
    time: '0931',
    secDur: '38',
    condCode: 'H',
    callingNum: '02131234567',
    inCrtId: '013',
    ucid: '00001041781638325822',
  }),
)
const answered0003 = ticket(
  4,
  {
    id: '00001041801638291364',
    opened: '2021-11-30T23:56',
    closed: '2021-12-01T00:03',
    status: 'resolved',
    caller: '6281399887766',
  },
  incomingItems({
    date: '011221',
    time: '0003',
    secDur: '420',
    condCode: '9',
    callingNum: '6281399887766',
    inCrtId: '014',
    ucid: '00001041801638291364',
  }),
)

const eventOf = (output: AdapterOutput | undefined): TicketEvent => {
  if (output?.kind !== 'ticket') throw new Error(`expected a ticket, got ${JSON.stringify(output)}`)
  return output.event
}

describe('parseAvayaCdr', () => {
  it('reads the format page sample: 2 resolved, 1 abandoned, 1 outgoing call skipped', async () => {
    const outputs = await runAdapter(parseAvayaCdr, 'phone/sample.cdr')
    expect(outputs).toEqual([
      answered0912,
      abandoned0931,
      { kind: 'skip', recordNumber: 3, reason: 'outgoing call' },
      answered0003,
    ])
  })

  it('opens a call at end − duration: ended 00:03 on 1 Dec after 7 min is a November ticket', async () => {
    const outputs = await runAdapter(parseAvayaCdr, 'phone/sample.cdr')
    const event = eventOf(outputs[3])
    expect(event.openedAt).toEqual(new Date('2021-11-30T16:56:00Z'))
    expect(toWibMonth(event.openedAt!)).toBe('2021-11')
  })

  it('maps every condition code', async () => {
    const outputs = await runAdapter(parseAvayaCdr, 'phone/condition-codes.cdr')
    const summary = outputs.map((output) =>
      output.kind === 'ticket'
        ? output.event.status
        : output.kind === 'skip'
          ? output.reason
          : output,
    )
    expect(summary).toEqual([
      'resolved',
      'abandoned',
      'abandoned',
      'ring record',
      'interim record',
      'interim record',
      'conference leg',
      'intraswitch call',
      'outgoing call',
      'outgoing call',
      'outgoing call',
      'condition code E',
      {
        kind: 'reject',
        recordNumber: 13,
        reason: 'missing condition code',
        raw: '021221 1030    60             0701 150420             081234567890    71001 015 00001042121638410000',
      },
    ])
    expect(outputs[2]).toEqual(
      ticket(
        3,
        {
          id: '00001042021638410000',
          opened: '2021-12-02T10:01',
          closed: '2021-12-02T10:02',
          status: 'abandoned',
          caller: '081234567890',
        },
        incomingItems({
          date: '021221',
          time: '1002',
          secDur: '60',
          condCode: 'I',
          callingNum: '081234567890',
          inCrtId: '015',
          ucid: '00001042021638410000',
        }),
      ),
    )
  })

  it('reads a layout with another item order', async () => {
    const cdrLayout =
      'ucid:20 space date:6 space time:4 space cond-code:1 space sec-dur:5 space calling-num:15 space dialed-num:18 space in-crt-id:3'
    const outputs = await runAdapter(parseAvayaCdr, 'phone/reordered-items.cdr', { cdrLayout })
    expect(outputs).toEqual([
      withRaw(answered0912, {
        ucid: '00001041771638324775',
        date: '011221',
        time: '0912',
        'cond-code': '9',
        'sec-dur': '345',
        'calling-num': '081234567890',
        'dialed-num': '150420',
        'in-crt-id': '012',
      }),
      withRaw(abandoned0931, {
        ucid: '00001041781638325822',
        date: '011221',
        time: '0931',
        'cond-code': 'H',
        'sec-dur': '38',
        'calling-num': '02131234567',
        'dialed-num': '150420',
        'in-crt-id': '013',
      }),
    ])
  })

  it('reads month/day dates when told, rejecting a date that is only valid day-first', async () => {
    const outputs = await runAdapter(parseAvayaCdr, 'phone/month-day-dates.cdr', {
      cdrDateOrder: 'month/day',
    })
    expect(outputs).toEqual([
      withRaw(answered0912, { ...eventOf(answered0912).raw, date: '120121' }),
      ticket(
        2,
        {
          id: '00001041781638291570',
          opened: '2021-11-30T23:58:30',
          closed: '2021-11-30T23:59',
          status: 'abandoned',
          caller: '02131234567',
        },
        incomingItems({
          date: '113021',
          time: '2359',
          secDur: '30',
          condCode: 'H',
          callingNum: '02131234567',
          inCrtId: '013',
          ucid: '00001041781638291570',
        }),
      ),
      {
        kind: 'reject',
        recordNumber: 3,
        reason: 'unparseable date/time "301121 1000" (month/day)',
        raw: '301121 1000    30 9           0701 150420             02131234567     71001 013 00001041791638291571',
      },
    ])
  })

  it('ids a record by the sha256 of its items, the calling number keyed, when the layout has no UCID', async () => {
    const cdrLayout =
      'date:6 space time:4 space sec-dur:5 space cond-code:1 space dialed-num:18 space calling-num:15 space in-crt-id:3'
    const outputs = await runAdapter(parseAvayaCdr, 'phone/no-ucid-item.cdr', { cdrLayout })
    const raw = (
      time: string,
      secDur: string,
      condCode: string,
      callingNum: string,
      inCrtId: string,
    ) => ({
      date: '011221',
      time,
      'sec-dur': secDur,
      'cond-code': condCode,
      'dialed-num': '150420',
      'calling-num': callingNum,
      'in-crt-id': inCrtId,
    })
    expect(outputs).toEqual([
      withId(
        withRaw(answered0912, raw('0912', '345', '9', '081234567890', '012')),
        sha256(`011221|0912|345|${testCustomerKey('081234567890')}|150420|9|012`),
      ),
      withId(
        withRaw(abandoned0931, raw('0931', '38', 'H', '02131234567', '013')),
        sha256(`011221|0931|38|${testCustomerKey('02131234567')}|150420|H|013`),
      ),
    ])
  })

  it('ids a record with a blank UCID the same way', async () => {
    const outputs = await runAdapter(parseAvayaCdr, 'phone/blank-ucid.cdr')
    expect(outputs).toEqual([
      withId(
        withRaw(answered0912, { ...eventOf(answered0912).raw, ucid: '' }),
        sha256(`011221|0912|345|${testCustomerKey('081234567890')}|150420|9|012`),
      ),
    ])
  })

  it('opens a call whose duration is 99999 (clock changed) at its end time', async () => {
    const outputs = await runAdapter(parseAvayaCdr, 'phone/unknown-duration.cdr')
    expect(outputs).toEqual([
      ticket(
        1,
        {
          id: '00001041771638324775',
          opened: '2021-12-01T09:12',
          closed: '2021-12-01T09:12',
          status: 'resolved',
          caller: '081234567890',
        },
        { ...eventOf(answered0912).raw, 'sec-dur': '99999' },
      ),
    ])
  })

  it('emits each record of a split call under the shared UCID, which merge into one ticket', async () => {
    const outputs = await runAdapter(parseAvayaCdr, 'phone/shared-ucid.cdr')
    const [transferred, ringing] = outputs.map(eventOf)
    expect(transferred).toMatchObject({ openedAt: wib('2021-12-01T09:11:40'), status: 'resolved' })
    expect(ringing).toMatchObject({ openedAt: wib('2021-12-01T09:11:30'), status: 'abandoned' })
    expect(mergeTicketEvents(transferred!, ringing!)).toEqual({
      ...transferred,
      openedAt: wib('2021-12-01T09:11:30'),
      closedAt: wib('2021-12-01T09:15'),
      status: 'resolved',
    })
  })

  it('takes the record as the last characters of a line with a protocol prefix, ignoring date records', async () => {
    const outputs = await runAdapter(parseAvayaCdr, 'phone/protocol-prefix.cdr')
    expect(outputs).toEqual([answered0912, abandoned0931, { ...answered0003, recordNumber: 3 }])
  })

  it('ignores blank lines, NUL padding and date records, counting them as lines', async () => {
    const outputs = await runAdapter(parseAvayaCdr, 'phone/padding-and-date-records.cdr')
    expect(outputs).toEqual([
      { ...answered0912, recordNumber: 2 },
      { ...abandoned0931, recordNumber: 6 },
    ])
  })

  it('rejects a line shorter than the layout', async () => {
    const outputs = await runAdapter(parseAvayaCdr, 'phone/short-line.cdr')
    expect(outputs).toEqual([
      {
        kind: 'reject',
        recordNumber: 1,
        reason: 'line shorter than the CDR layout (75 of 100 characters)',
        raw: '011221 0912   345 9           0701 150420             081234567890    71001',
      },
      { ...abandoned0931, recordNumber: 2 },
    ])
  })

  it('rejects a record cut short whose end looks like a date record, instead of dropping it', async () => {
    // A collector stopped writing mid-record: the last line ends `… 0701 1504`, which alone
    // would read as the date record 15 April.
    const outputs = await runAdapter(parseAvayaCdr, 'phone/cut-record-like-date.cdr')
    expect(outputs).toEqual([
      answered0912,
      abandoned0931,
      {
        kind: 'reject',
        recordNumber: 3,
        reason: 'line shorter than the CDR layout (39 of 100 characters)',
        raw: '011221 1005    41 9           0701 1504',
      },
    ])
  })

  it('fails a text file none of whose lines is a CDR record, naming the first', async () => {
    // A switch report or log saved where the collector's files go: text, but no CDR record.
    await expect(runAdapter(parseAvayaCdr, 'phone/report-text-not-cdr.cdr')).rejects.toThrow(
      new UnreadableFileError(
        'report-text-not-cdr.cdr',
        'not an Avaya CDR file: none of its 5 lines is an Avaya CDR record ' +
          '(line 1: line shorter than the CDR layout (18 of 100 characters))',
      ),
    )
  })

  it('keeps the records of a file that also holds lines that are no records', async () => {
    const text = `Call detail report\n${readFileSync(fixturePath('phone/short-line.cdr'), 'utf8')}`
    const outputs = await runAdapterOn(parseAvayaCdr, text, 'mixed.cdr')
    expect(outputs.map((output) => [output.kind, output.recordNumber])).toEqual([
      ['reject', 1],
      ['reject', 2],
      ['ticket', 3],
    ])
  })

  it('rejects a date or time that does not parse', async () => {
    const outputs = await runAdapter(parseAvayaCdr, 'phone/unparseable-dates.cdr')
    expect(outputs.map((output) => output.kind === 'reject' && output.reason)).toEqual([
      'unparseable date/time "310221 0912" (day/month)',
      'unparseable date/time "011221 2460" (day/month)',
      'unparseable date/time "0112 1 0912" (day/month)',
    ])
    expect(outputs[0]).toEqual({
      kind: 'reject',
      recordNumber: 1,
      reason: 'unparseable date/time "310221 0912" (day/month)',
      raw: '310221 0912   345 9           0701 150420             081234567890    71001 012 00001041771638324775',
    })
  })

  it('rejects a duration that does not parse', async () => {
    const line =
      '011221 0912   3x5 9           0701 150420             081234567890    71001 012 00001041771638324775'
    expect(await runAdapterOn(parseAvayaCdr, `${line}\n`, 'bad.cdr')).toEqual([
      { kind: 'reject', recordNumber: 1, reason: 'unparseable sec-dur "3x5"', raw: line },
    ])
  })

  it('reads the h mm t `duration` item when the layout has it instead of sec-dur', async () => {
    const cdrLayout =
      'date:6 space time:4 space duration:4 space cond-code:1 space calling-num:15 space ucid:20'
    const content = [
      '011221 0912 0053 9 081234567890    00001041771638324775',
      '011221 0931 9999 H 02131234567     00001041781638325822',
    ].join('\n')
    const outputs = await runAdapterOn(parseAvayaCdr, content, 'duration.cdr', { cdrLayout })
    expect(outputs.map(eventOf).map(({ openedAt, closedAt }) => [openedAt, closedAt])).toEqual([
      [wib('2021-12-01T09:06:42'), wib('2021-12-01T09:12')],
      [wib('2021-12-01T09:31'), wib('2021-12-01T09:31')],
    ])
  })

  it('fails the file on a layout it cannot read records with', async () => {
    const run = (cdrLayout: string) =>
      runAdapterOn(parseAvayaCdr, 'x\n', 'calls.cdr', { cdrLayout })
    await expect(run('date:6 time:4 sec-dur cond-code:1')).rejects.toThrow(
      new UnreadableFileError(
        'calls.cdr',
        'CDR_LAYOUT: item 3 "sec-dur" is not an item:width pair (e.g. "date:6", or "space")',
      ),
    )
    await expect(run('date:6 time:4 sec-dur:5')).rejects.toThrow('the "cond-code" item is required')
    await expect(run('date:8 time:4 sec-dur:5 cond-code:1')).rejects.toThrow(
      '"date" must be 6 characters wide',
    )
    await expect(run('date:6 time:4 cond-code:1')).rejects.toThrow(
      'a "sec-dur" or "duration" item is required',
    )
  })

  it('streams: the first outputs come before the input is read to its end', async () => {
    const total = 1_000_000
    let produced = 0
    const line =
      '011221 0912   345 9           0701 150420             081234567890    71001 012 00001041771638324775\n'
    function* lines(): Generator<string> {
      for (; produced < total; produced += 1) yield line
    }
    const ctx = {
      fileName: 'big.cdr',
      customerKey: testCustomerKey,
      segmentMap: DEFAULT_SEGMENT_MAP,
      options: DEFAULT_ADAPTER_OPTIONS,
      dateWindow: defaultDateWindow(new Date()),
      note: () => undefined,
    }
    let seen = 0
    for await (const output of parseAvayaCdr(Readable.from(lines()), ctx)) {
      expect(output.kind).toBe('ticket')
      if (++seen === 3) break
    }
    expect(produced).toBeLessThan(total / 10)
  })
})

function withRaw(output: AdapterOutput, raw: Record<string, unknown>): AdapterOutput {
  return { ...output, event: { ...eventOf(output), raw } } as AdapterOutput
}

function withId(output: AdapterOutput, sourceTicketId: string): AdapterOutput {
  return { ...output, event: { ...eventOf(output), sourceTicketId } } as AdapterOutput
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
