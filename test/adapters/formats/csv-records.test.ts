import { Readable } from 'node:stream'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvRecords, RAW_EXCERPT_CHARS } from '../../../src/adapters/formats/csv-records.js'
import { parseSociomile } from '../../../src/adapters/whatsapp/sociomile.js'
import { runAdapterOn } from '../run-adapter.js'

/** The records of `text` delivered in pieces of `chunk` characters. */
async function frame(text: string, { chunk = 1 << 16, max = 1 << 20, sep = ';' } = {}) {
  const pieces: string[] = []
  for (let at = 0; at < text.length; at += chunk) pieces.push(text.slice(at, at + chunk))
  const records = []
  for await (const framed of csvRecords(Readable.from(pieces), sep, max)) records.push(...framed)
  return records
}

// What Excel (id-ID, `;`) and other spreadsheet tools write: quoted fields with separators,
// doubled quotes and line breaks, CRLF, LF or old Mac CR line ends, a quote inside plain text.
const EXCEL = 'a;"b;1";c\r\n"say ""hi""";"two\r\nlines";x\r\nplain "quote" in;3;\r\nlast;;\r\n'

describe('CSV framing', () => {
  it('frames quoted fields, doubled quotes, line breaks in quotes and quotes inside text', async () => {
    const records = await frame(EXCEL)
    expect(records.map((r) => r.cells)).toEqual([
      ['a', 'b;1', 'c'],
      ['say "hi"', 'two\r\nlines', 'x'],
      ['plain "quote" in', '3', ''],
      ['last', '', ''],
    ])
    expect(records.map((r) => r.line)).toEqual([1, 2, 4, 5])
    expect(records[1]!.raw).toBe('"say ""hi""";"two\r\nlines";x')
  })

  it('frames the same whatever the chunk boundaries, CRLF and doubled quotes split included', async () => {
    const whole = await frame(EXCEL)
    for (const chunk of [1, 2, 3, 7]) expect(await frame(EXCEL, { chunk })).toEqual(whole)
  })

  it('frames any text alike, whole records searched in a chunk or read a character at a time', async () => {
    // One-character pieces hold no whole record: every record is read a character at a time.
    const outcome = (text: string, options: { chunk: number; max: number }) =>
      frame(text, options).then(
        (records) => records,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      )
    const csvText = fc
      .array(fc.constantFrom('a', 'bc', ';', ',', '"', '""', '\r', '\n', '\r\n', ' '), {
        maxLength: 60,
      })
      .map((parts) => parts.join(''))
    await fc.assert(
      fc.asyncProperty(
        csvText,
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(4, 1 << 20),
        async (text, chunk, max) => {
          expect(await outcome(text, { chunk, max })).toEqual(
            await outcome(text, { chunk: 1, max }),
          )
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('hands records on in bounded arrays, however many lines a chunk holds', async () => {
    const sizes: number[] = []
    for await (const records of csvRecords(Readable.from(['\n'.repeat(1000)]), ';', 1 << 20)) {
      sizes.push(records.length)
    }
    expect(sizes).toEqual([256, 256, 256, 232])
  })

  it('reads CR-only line ends and a last record without a line end', async () => {
    const records = await frame('a;b\rc;d\re;f')
    expect(records.map((r) => [r.cells, r.line])).toEqual([
      [['a', 'b'], 1],
      [['c', 'd'], 2],
      [['e', 'f'], 3],
    ])
  })

  it('marks text after a closing quote as an error of its record only', async () => {
    const records = await frame('"ab"cd;1\nok;2\n')
    expect(records[0]!.error).toBe('text after a closing quote at line 1')
    expect(records[1]).toEqual({ cells: ['ok', '2'], raw: 'ok;2', line: 2 })
  })

  it('skips a record over the limit to its end, quoted line breaks included, keeping an excerpt', async () => {
    const huge = `"${'x'.repeat(5000)}\n${'y;'.repeat(3000)}"`
    const text = `h1;h2\n1;${huge};z\n2;after\n`
    for (const chunk of [1 << 16, 97]) {
      const records = await frame(text, { chunk, max: 4096 })
      expect(records.map((r) => r.cells)).toEqual([['h1', 'h2'], [], ['2', 'after']])
      expect(records[1]!.error).toBe('record larger than 4096 bytes (lines 2-3): skipped')
      expect(records[1]!.raw).toBe(`1;${huge}`.slice(0, RAW_EXCERPT_CHARS))
      expect(records[2]!.line).toBe(4)
    }
  })

  it('fails on a quote still open at the end, naming the line it opened on', async () => {
    await expect(frame('a;b\n1;"open\n2;x\n3;y\n')).rejects.toThrow(
      'unterminated quote starting at line 2',
    )
  })

  it('an export starting with an open quote fails as such, not as an empty file', async () => {
    const outputs = runAdapterOn(parseSociomile, '"Ticket ID;Channel\n1;WA\n', 'quote-first.csv')
    await expect(outputs).rejects.toThrow(
      'quote-first.csv: not a readable CSV file: unterminated quote starting at line 1',
    )
  })

  it('an oversized header fails the file, an oversized row is a reject and the file goes on', async () => {
    const header =
      'Ticket ID;Channel;Customer Phone;Subject;Category;Customer Type;Status;Agent;Created At;First Response At;Resolved At'
    const row = (id: string, subject: string) => `${id};WA;;${subject};;;Open;;01/12/2021 10:00;;`
    const csv = [header, row('a', 'x'), row('big', 'y'.repeat(5000)), row('b', 'x')].join('\n')
    const outputs = await runAdapterOn(parseSociomile, csv, 'big.csv', { maxRecordBytes: 2048 })
    expect(outputs.map((o) => [o.kind, o.recordNumber])).toEqual([
      ['ticket', 1],
      ['reject', 2],
      ['ticket', 3],
    ])
    expect(outputs[1]).toMatchObject({
      reason: 'unreadable record: record larger than 2048 bytes (lines 3-3): skipped',
    })
    const bigHeader = `${header};${'z'.repeat(3000)}\n${row('a', 'x')}\n`
    await expect(
      runAdapterOn(parseSociomile, bigHeader, 'big-header.csv', { maxRecordBytes: 2048 }),
    ).rejects.toThrow('unreadable header row: record larger than 2048 bytes')
  })
})
