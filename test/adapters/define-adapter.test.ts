import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { defaultDateWindow } from '../../src/config.js'
import { defaultAdapterContext } from '../support/adapter-context.js'
import { defineAdapter, type SourceRecord } from '../../src/adapters/define-adapter.js'
import type { AdapterOutput } from '../../src/domain/adapter-output.js'
import { DEFAULT_SEGMENT_MAP } from '../../src/domain/segment.js'
import { UnreadableFileError } from '../../src/errors.js'
import { blankEvent, testCustomerKey } from './run-adapter.js'

/** A line format: `<id> <ISO time>`; `boom` throws while converting; `stop` stops the reader. */
const lineAdapter = defineAdapter<string>({
  format: 'test line',
  async *records(input) {
    let recordNumber = 0
    let text = ''
    for await (const chunk of input as AsyncIterable<Buffer>) text += chunk.toString('utf8')
    for (const line of text.split('\n').filter(Boolean)) {
      if (line === 'stop') throw new Error('cut short')
      recordNumber += 1
      yield { recordNumber, raw: line, value: line } satisfies SourceRecord<string>
    }
  },
  converter: () => ({
    toOutputs: ({ value, recordNumber }): AdapterOutput => {
      if (value === 'boom') throw new TypeError("Cannot read properties of undefined (reading 'x')")
      const [id = '', time = ''] = value.split(' ')
      return {
        kind: 'ticket',
        recordNumber,
        event: { ...blankEvent('phone'), sourceTicketId: id, openedAt: new Date(time), raw: {} },
      }
    },
  }),
})

const ctx = defaultAdapterContext({
  fileName: 'calls.txt',
  customerKey: testCustomerKey,
  segmentMap: DEFAULT_SEGMENT_MAP,
  dateWindow: defaultDateWindow(new Date('2022-01-01T00:00:00Z')),
})

async function run(content: string | Buffer): Promise<unknown[]> {
  const seen: unknown[] = []
  try {
    for await (const output of lineAdapter(Readable.from([Buffer.from(content)]), ctx)) {
      seen.push(
        output.kind === 'reject' ? [output.recordNumber, output.reason, output.raw] : output.kind,
      )
    }
  } catch (error) {
    seen.push(error)
  }
  return seen
}

describe('defineAdapter', () => {
  it('rejects a record whose conversion throws, with its raw text, and goes on', async () => {
    expect(await run('1 2021-12-01T00:00:00Z\nboom\n2 2021-12-01T00:00:00Z\n')).toEqual([
      'ticket',
      [2, "Cannot read properties of undefined (reading 'x')", 'boom'],
      'ticket',
    ])
  })

  it('rejects timestamps outside the date window as implausible', async () => {
    expect(
      await run('1 1970-01-01T00:00:00Z\n2 3609-06-30T09:33:50Z\n3 2022-01-01T23:00:00Z\n'),
    ).toEqual([
      [1, 'implausible date: openedAt 1970-01-01T00:00:00.000Z', '1 1970-01-01T00:00:00Z'],
      [2, 'implausible date: openedAt 3609-06-30T09:33:50.000Z', '2 3609-06-30T09:33:50Z'],
      'ticket',
    ])
  })

  it('fails the file where its reader stopped, after the records before it', async () => {
    expect(await run('1 2021-12-01T00:00:00Z\nstop\n')).toEqual([
      'ticket',
      new UnreadableFileError('calls.txt', 'reading stopped after record 1 (byte 28): cut short'),
    ])
    expect(await run('stop\n')).toEqual([
      new UnreadableFileError(
        'calls.txt',
        'not a test line file: reading stopped before the first record (byte 5): cut short',
      ),
    ])
  })

  it('fails an empty file, and a file in another format, before reading a record', async () => {
    expect(await run('')).toEqual([new UnreadableFileError('calls.txt', 'empty file')])
    expect(await run(' \r\n\n')).toEqual([new UnreadableFileError('calls.txt', 'empty file')])
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    expect(await run(png)).toEqual([
      new UnreadableFileError('calls.txt', 'not a test line file: looks like a PNG image'),
    ])
    expect(await run(Buffer.from('%PDF-1.7\n'))).toEqual([
      new UnreadableFileError('calls.txt', 'not a test line file: looks like a PDF document'),
    ])
    const binary = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256))
    expect(await run(binary)).toEqual([
      new UnreadableFileError(
        'calls.txt',
        'not a test line file: looks like binary data, not text',
      ),
    ])
  })
})
