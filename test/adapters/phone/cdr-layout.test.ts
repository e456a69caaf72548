import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type AdapterOptions } from '../../../src/adapters/adapter.js'
import { DEFAULT_ADAPTER_OPTIONS } from '../../../src/services.js'
import { parseAvayaCdr } from '../../../src/adapters/phone/avaya-cdr.js'
import { parseCdrLayout, readCdrItems } from '../../../src/adapters/phone/cdr-layout.js'
import { findRecordStart } from '../../../src/adapters/phone/cdr-line.js'
import { loadConfig } from '../../../src/config.js'
import type { AdapterOutput } from '../../../src/domain/adapter-output.js'
import { DEFAULT_SEGMENT_MAP } from '../../../src/domain/segment.js'
import { fixturePath, runAdapter, runAdapterOn, testCustomerKey } from '../run-adapter.js'

const wib = (text: string) => new Date(`${text}+07:00`)
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
/** A calling number enters a CDR id as its customer key, or as it is when it is no phone number. */
const keyOf = (callingNum: string) => testCustomerKey(callingNum) ?? callingNum

/** Ticket fields worth comparing, or the skip/reject itself. */
function summary(output: AdapterOutput) {
  if (output.kind !== 'ticket') return output
  const { sourceTicketId, openedAt, closedAt, status } = output.event
  return { n: output.recordNumber, id: sourceTicketId, openedAt, closedAt, status }
}

/** Runs a fixture with date records, ingested at the start of 2022 (the year they belong to). */
async function runWithDateRecords(fixture: string, options: Partial<AdapterOptions>) {
  const ctx = {
    fileName: fixture,
    customerKey: testCustomerKey,
    segmentMap: DEFAULT_SEGMENT_MAP,
    options: { ...DEFAULT_ADAPTER_OPTIONS, ...options },
    dateWindow: { earliest: new Date('2000-01-01'), latest: new Date('2022-01-01T00:00:00Z') },
    note: () => undefined,
  }
  const outputs: AdapterOutput[] = []
  for await (const output of parseAvayaCdr(createReadStream(fixturePath(fixture)), ctx)) {
    outputs.push(output)
  }
  return outputs.map(summary)
}

const answered0912 = {
  n: 1,
  id: '00001041771638324775',
  openedAt: wib('2021-12-01T09:06:15'),
  closedAt: wib('2021-12-01T09:12'),
  status: 'resolved',
}
const abandoned0931 = {
  n: 2,
  id: '00001041781638325822',
  openedAt: wib('2021-12-01T09:30:22'),
  closedAt: wib('2021-12-01T09:31'),
  status: 'abandoned',
}

describe('CDR layouts as the switch prints them', () => {
  it('reads a customized form copied verbatim: adjacent items, space/return/line-feed/null, trailing space', async () => {
    // A `system-parameters cdr` customized form whose items sit back to back, as switches
    // send them: each record ends in a space, CR LF and three NULs.
    const cdrLayout =
      'date:6 time:4 sec-dur:5 space cond-code:1 space calling-num:15 dialed-num:18 space ' +
      'vdn:5 in-crt-id:3 space ucid:20 space return line-feed null:3'
    const outputs = await runAdapter(parseAvayaCdr, 'phone/customized-form.cdr', { cdrLayout })
    expect(outputs.map(summary)).toEqual([answered0912, abandoned0931])
    expect(outputs[0]).toMatchObject({
      event: {
        raw: {
          date: '011221',
          time: '0912',
          'sec-dur': '345',
          'cond-code': '9',
          'calling-num': '081234567890',
          'dialed-num': '150420',
          vdn: '71001',
          'in-crt-id': '012',
          ucid: '00001041771638324775',
        },
      },
    })
  })

  it('never shifts a field for trailing blanks', async () => {
    // A collector (or a text editor) that pads or appends blanks after each record.
    const outputs = await runAdapter(parseAvayaCdr, 'phone/trailing-blanks.cdr')
    expect(outputs.map(summary)).toEqual([
      answered0912,
      abandoned0931,
      {
        n: 3,
        id: '00001041801638291364',
        openedAt: wib('2021-11-30T23:56'),
        closedAt: wib('2021-12-01T00:03'),
        status: 'resolved',
      },
    ])
  })

  it('cuts a record from its start after a collector prefix, whatever follows it', async () => {
    // A syslog collector's header and a sequence-number prefix, each line with trailing blanks.
    const outputs = await runAdapter(parseAvayaCdr, 'phone/collector-prefix-trailing-blanks.cdr')
    expect(outputs.map(summary)).toEqual([answered0912, abandoned0931])
  })

  it('reads the TELESEER preset, dated by the date records before each record', async () => {
    // A switch set to Primary Output Format teleseer: 81-character records, MMDD date records.
    const outputs = await runWithDateRecords('phone/preset-teleseer.cdr', {
      cdrLayout: 'preset:teleseer',
      cdrDateOrder: 'month/day',
    })
    expect(outputs).toEqual([
      {
        n: 2,
        id: sha256(`113021|2359|0005|${keyOf('71001')}|150420|H|013`),
        openedAt: wib('2021-11-30T23:58:30'),
        closedAt: wib('2021-11-30T23:59'),
        status: 'abandoned',
      },
      {
        n: 4,
        id: sha256(`120121|0912|0057|${keyOf('71001')}|150420|9|012`),
        openedAt: wib('2021-12-01T09:06:18'),
        closedAt: wib('2021-12-01T09:12'),
        status: 'resolved',
      },
    ])
  })

  it('reads the printer preset', async () => {
    // Primary Output Format printer: `MM DD` date records, items one space apart.
    const outputs = await runWithDateRecords('phone/preset-printer.cdr', {
      cdrLayout: 'preset:printer',
    })
    expect(outputs).toEqual([
      {
        n: 2,
        id: sha256(`011221|0912|0057|${keyOf('71001')}|150420|9|012`),
        openedAt: wib('2021-12-01T09:06:18'),
        closedAt: wib('2021-12-01T09:12'),
        status: 'resolved',
      },
      { kind: 'skip', recordNumber: 3, reason: 'outgoing call' },
    ])
  })

  it('reads the int-isdn preset, whose records span two lines', async () => {
    // Primary Output Format int-isdn: a line feed at position 74 splits each record in two.
    const outputs = await runWithDateRecords('phone/preset-int-isdn.cdr', {
      cdrLayout: 'preset:int-isdn',
      cdrDateOrder: 'month/day',
    })
    expect(outputs).toEqual([
      {
        n: 2,
        id: sha256(`120121|0912|0057|${keyOf('0812345678')}|150420|9|012`),
        openedAt: wib('2021-12-01T09:06:18'),
        closedAt: wib('2021-12-01T09:12'),
        status: 'resolved',
      },
      {
        n: 4,
        id: sha256(`120121|0931|0006|${keyOf('0213123456')}|150420|H|013`),
        openedAt: wib('2021-12-01T09:30:24'),
        closedAt: wib('2021-12-01T09:31'),
        status: 'abandoned',
      },
    ])
  })

  it('rejects a date-less record before any date record, and fails a file cut inside a record', async () => {
    // A collector stopped between the two lines of an int-isdn record: the file was cut short.
    const text = '0912 0057 9           150420          0812345678                         \n'
    await expect(
      runAdapterOn(parseAvayaCdr, text, 'cut.cdr', { cdrLayout: 'preset:int-isdn' }),
    ).rejects.toThrow(
      `cut.cdr: reading stopped in record 1 (byte ${text.length}, the end of the file): ` +
        'record cut short by the end of the file (1 of 2 lines)',
    )
    const printer = await runAdapterOn(
      parseAvayaCdr,
      '0912 0057 9         150420          71001                                012 \n',
      'undated.cdr',
      { cdrLayout: 'preset:printer' },
    )
    expect(printer.map((output) => output.kind === 'reject' && output.reason)).toEqual([
      'no date record before this record, and the layout has no date',
    ])
  })

  it('defines each preset with the widths Avaya documents', () => {
    expect(parseCdrLayout('preset:teleseer')).toMatchObject({ length: 81, dataEnd: 69 })
    expect(parseCdrLayout('preset:printer')).toMatchObject({ length: 77, dataEnd: 76 })
    expect(parseCdrLayout('preset:int-isdn')).toMatchObject({ length: 131, breaks: ['\n'] })
    const teleseer = parseCdrLayout('preset:teleseer').items
    expect(teleseer.find((item) => item.name === 'time')).toEqual({
      name: 'time',
      width: 4,
      start: 3,
    })
    expect(teleseer.find((item) => item.name === 'cond-code')?.start).toBe(11)
    expect(parseCdrLayout(null).length).toBe(100)
  })

  it('names the bad item of a layout, in the adapter and as a settings error', () => {
    expect(() => parseCdrLayout('date:6 time:4 sec-dur:5 cond-cod3 space')).toThrow(
      'item 4 "cond-cod3" is not an item:width pair',
    )
    expect(() => parseCdrLayout('preset:59-char')).toThrow(
      '"preset:59-char": the published layout of this format could not be confirmed',
    )
    expect(() => parseCdrLayout('preset:lsu')).toThrow('"preset:lsu" is not a standard format')
    expect(() => parseCdrLayout('preset:constructor')).toThrow(
      '"preset:constructor" is not a standard format',
    )
    expect(() => loadConfig({ CDR_LAYOUT: 'date:6 time:4 sec-dur:x cond-code:1' })).toThrow(
      /^CDR_LAYOUT: item 3 "sec-dur:x" is not an item:width pair/,
    )
    expect(loadConfig({ CDR_LAYOUT: 'preset:teleseer' }).CDR_LAYOUT).toBe('preset:teleseer')
  })

  it('reads an item named like an Object.prototype member as one of no particular shape', () => {
    const layout = parseCdrLayout(
      'date:6 space time:4 space sec-dur:5 space constructor:3 cond-code:1',
    )
    const line = '011221 0912 00345 abcA'
    expect(findRecordStart(line, layout, layout.dataEnd)).toBe(0)
    expect(readCdrItems(line, layout)).toMatchObject({ constructor: 'abc', 'cond-code': 'A' })
  })
})
