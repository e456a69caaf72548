import { createReadStream, readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { detectChannel } from '../../src/adapters/detect-channel.js'
import { DEFAULT_ADAPTER_OPTIONS } from '../../src/services.js'
import { sniffBinary } from '../../src/adapters/formats/sniff-bytes.js'
import { buildXlsx, zipParts } from '../support/xlsx-package.js'
import { fixturePath } from './run-adapter.js'
import { SUMMARY, TICKETS } from './xlsx-fixtures.js'

const detectFixture = (fixture: string, xlsxSheet: string | null = null) =>
  detectChannel(fixture, () => createReadStream(fixturePath(fixture)), {
    ...DEFAULT_ADAPTER_OPTIONS,
    xlsxSheet,
  })
const detectBytes = (fileName: string, bytes: Buffer | string) =>
  detectChannel(fileName, () => Readable.from([Buffer.from(bytes)]), DEFAULT_ADAPTER_OPTIONS)

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')

describe('detectChannel: the table channel that fits best', () => {
  it('a Sociomile export with a Department column and Indonesian headers is WhatsApp, not HAI', async () => {
    // test/fixtures/whatsapp/README.md: department-column-indonesian-headers.csv
    expect(await detectFixture('whatsapp/department-column-indonesian-headers.csv')).toMatchObject({
      kind: 'found',
      channel: 'whatsapp',
    })
  })

  it('still tells every table fixture by its channel', async () => {
    for (const [fixture, channel] of [
      ['whatsapp/sample-bom-semicolon.csv', 'whatsapp'],
      ['whatsapp/indonesian-headers.csv', 'whatsapp'],
      ['whatsapp/date-cells.xlsx', 'whatsapp'],
      ['whatsapp/windows-1252-excel-csv.csv', 'whatsapp'],
      ['whatsapp/tab-order-not-zip-order.xlsx', 'whatsapp'],
      ['hai_kemenkeu/sample.csv', 'hai_kemenkeu'],
      ['hai_kemenkeu/date-cells.xlsx', 'hai_kemenkeu'],
      ['phone/sample.csv', 'phone'],
    ] as const) {
      expect(await detectFixture(fixture), fixture).toMatchObject({ kind: 'found', channel })
    }
  })

  it('a header that fits two exports equally names both', async () => {
    const header = 'Ticket ID;Tanggal Dibuat;Department;Status\n1;01/12/2021 09:00;DJPK;\n'
    expect(await detectBytes('export.csv', header)).toMatchObject({
      kind: 'found',
      channel: 'hai_kemenkeu',
    })
    const tie = 'Ticket ID,Tanggal Dibuat,Unit,Agen\n'
    expect(await detectBytes('export.csv', tie)).toEqual({
      kind: 'unknown',
      candidates: ['whatsapp', 'hai_kemenkeu'],
      reason:
        'the header row and first rows fit whatsapp and hai_kemenkeu equally well (whatsapp 3.00, hai_kemenkeu 3.00)',
    })
  })

  it('value shapes break a tie of columns', async () => {
    const header = 'Ticket ID,Tanggal Dibuat,Unit,Agen\n'
    const sociomile = await detectBytes(
      'e.csv',
      `${header}64fd00018da23ffa50009001,01/12/2021,DJPK,Rina\n`,
    )
    expect(sociomile).toMatchObject({ kind: 'found', channel: 'whatsapp' })
    const hai = await detectBytes('e.csv', `${header}88121,2021-12-01 02:10:44,DJPK,Rina\n`)
    expect(hai).toMatchObject({ kind: 'found', channel: 'hai_kemenkeu' })
  })

  it('detects on the sheet XLSX_SHEET names', async () => {
    const workbook = buildXlsx([SUMMARY, TICKETS])
    const open = () => Readable.from([workbook])
    expect(await detectChannel('w.xlsx', open, DEFAULT_ADAPTER_OPTIONS)).toMatchObject({
      kind: 'unknown',
    })
    expect(
      await detectChannel('w.xlsx', open, { ...DEFAULT_ADAPTER_OPTIONS, xlsxSheet: 'Tickets' }),
    ).toMatchObject({
      kind: 'found',
      channel: 'whatsapp',
    })
  })
})

describe('detectChannel: damaged and binary files are unknown, with a reason', () => {
  it('a truncated workbook', async () => {
    expect(await detectFixture('whatsapp/truncated-workbook.xlsx')).toEqual({
      kind: 'unknown',
      candidates: ['whatsapp', 'phone', 'hai_kemenkeu'],
      reason:
        'not a readable XLSX file: no ZIP central directory: the file is truncated or damaged',
    })
  })

  it('a ZIP that is no workbook, a PNG or a PDF named .xlsx', async () => {
    const docx = zipParts([['word/document.xml', '<w:document/>']])
    expect(await detectBytes('a.xlsx', docx)).toMatchObject({
      kind: 'unknown',
      reason:
        'not a readable XLSX file: a ZIP archive without xl/workbook.xml, not an XLSX workbook',
    })
    expect(await detectBytes('a.xlsx', PNG)).toEqual({
      kind: 'unknown',
      candidates: [],
      reason: 'not an XLSX workbook: PNG image',
    })
  })

  it('an image or a document under any other name is no channel export', async () => {
    const pdf = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n'
    for (const [name, bytes, kind] of [
      ['screenshot.png', PNG, 'PNG image'],
      ['scan.eml', PNG, 'PNG image'],
      ['surat.pdf', pdf, 'PDF document'],
      ['laporan.csv', pdf, 'PDF document'],
      ['chats.json', pdf, 'PDF document'],
      ['calls', PNG, 'PNG image'],
    ] as const) {
      expect(await detectBytes(name, bytes), name).toEqual({
        kind: 'unknown',
        candidates: [],
        reason: `a ${kind}, not a channel export`,
      })
    }
  })

  it('sniffBinary names common signatures and leaves text alone', () => {
    expect(sniffBinary(PNG)).toBe('PNG image')
    expect(sniffBinary(Buffer.from('%PDF-1.4'))).toBe('PDF document')
    expect(sniffBinary(Buffer.from('ffd8ffe000104a464946', 'hex'))).toBe('JPEG image')
    expect(sniffBinary(Buffer.from('d0cf11e0a1b11ae1', 'hex'))).toBe(
      'legacy Office document (XLS/DOC, OLE2)',
    )
    expect(sniffBinary(zipParts([['word/document.xml', '']]))).toBe('Word document (DOCX)')
    expect(sniffBinary(readFileSync(fixturePath('whatsapp/date-cells.xlsx')))).toBe('ZIP archive')
    expect(sniffBinary(Buffer.from('Ticket ID;Channel\n'))).toBeNull()
    expect(
      sniffBinary(Buffer.from('From someone@example.com Mon Dec  1 09:00:00 2021\n')),
    ).toBeNull()
    expect(sniffBinary(Buffer.from('RIFF....AVI LIST'))).toBeNull()
  })
})
