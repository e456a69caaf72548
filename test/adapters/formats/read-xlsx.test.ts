import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { DEFAULT_ADAPTER_OPTIONS } from '../../../src/services.js'
import { defaultAdapterContext } from '../../support/adapter-context.js'
import { readTable } from '../../../src/adapters/formats/read-table.js'
import { parseSociomile } from '../../../src/adapters/whatsapp/sociomile.js'
import type { AdapterOutput } from '../../../src/domain/adapter-output.js'
import { DEFAULT_SEGMENT_MAP } from '../../../src/domain/segment.js'
import { UnreadableFileError } from '../../../src/errors.js'
import { buildXlsx, zipParts } from '../../support/xlsx-package.js'
import { fixturePath, testCustomerKey } from '../run-adapter.js'
import { ticket, wib } from '../whatsapp/sociomile-expect.js'
import { LOOKUP, SUMMARY, TICKETS, XLSX_FIXTURES } from '../xlsx-fixtures.js'

const fixture = (name: string) => readFileSync(fixturePath(`whatsapp/${name}`))

/** Runs parseSociomile over workbook bytes, keeping the notes it leaves on the import. */
async function parse(bytes: Buffer, xlsxSheet: string | null = null, fileName = 'export.xlsx') {
  const notes: string[] = []
  const ctx = defaultAdapterContext({
    fileName,
    customerKey: testCustomerKey,
    segmentMap: DEFAULT_SEGMENT_MAP,
    options: { ...DEFAULT_ADAPTER_OPTIONS, xlsxSheet },
    note: (message) => notes.push(message),
  })
  const outputs: AdapterOutput[] = []
  for await (const output of parseSociomile(Readable.from([bytes]), ctx)) outputs.push(output)
  return { outputs, notes }
}

/** The cells of the sheet that would be read, header included. */
async function cellsOf(bytes: Buffer, xlsxSheet: string | null = null) {
  const reading = {
    fileName: 'export.xlsx',
    options: { ...DEFAULT_ADAPTER_OPTIONS, xlsxSheet },
    note: () => undefined,
  }
  const rows: string[][] = []
  for await (const record of readTable(Readable.from([bytes]), reading)) rows.push(record.cells)
  return rows
}

const [, first, second] = TICKETS.rows as string[][]
const raw = (row: string[]) =>
  Object.fromEntries((TICKETS.rows[0] as string[]).map((name, i) => [name, row[i]!]))
const TICKET_OUTPUTS = [
  ticket(1, {
    sourceTicketId: '64fb00018da23ffa50007001',
    openedAt: wib('2021-12-01T09:23'),
    status: 'resolved',
    agent: 'Rina',
    topic: 'Dana Alokasi Umum',
    subject: 'Tanya DAU',
    customerKey: testCustomerKey('081234567890'),
    raw: raw(first!),
  }),
  ticket(2, {
    sourceTicketId: '64fb00028da23ffa50007002',
    openedAt: wib('2021-12-02T10:00'),
    status: 'open',
    agent: 'Agus',
    topic: 'Dana Bagi Hasil',
    subject: 'Info DBH',
    customerKey: testCustomerKey('085712345678'),
    raw: raw(second!),
  }),
]

describe('XLSX: the sheet read is the first visible tab, not the first ZIP entry', () => {
  it('the committed fixtures are what xlsx-fixtures.ts builds', () => {
    for (const [name, build] of Object.entries(XLSX_FIXTURES)) {
      expect(fixture(name)).toEqual(build())
    }
  })

  it('reads the first tab when its part comes later in the ZIP (a tab moved in Excel)', async () => {
    expect(await parse(fixture('tab-order-not-zip-order.xlsx'))).toEqual({
      outputs: TICKET_OUTPUTS,
      notes: ['sheet read: Tickets (tab 1 of 2)'],
    })
  })

  it('skips a hidden first tab', async () => {
    expect(await parse(fixture('hidden-first-tab.xlsx'))).toEqual({
      outputs: TICKET_OUTPUTS,
      notes: ['sheet read: Tickets (tab 2 of 2)'],
    })
    const veryHidden = buildXlsx([{ ...LOOKUP, state: 'veryHidden' }, SUMMARY, TICKETS])
    expect(await cellsOf(veryHidden)).toEqual([
      ['Bulan', 'Jumlah'],
      ['Desember 2021', '2'],
    ])
  })

  it('reads inline strings, absolute targets and sheets stored before the workbook part', async () => {
    expect(await parse(fixture('inline-strings-sheets-first.xlsx'))).toEqual({
      outputs: TICKET_OUTPUTS,
      notes: ['sheet read: Tickets (tab 1 of 2)'],
    })
  })

  it('XLSX_SHEET picks a tab by name (ignoring case) or by 1-based index, hidden ones too', async () => {
    const workbook = fixture('hidden-first-tab.xlsx')
    const lookup = [
      ['Status', 'Arti'],
      ['Selesai', 'resolved'],
    ]
    expect(await cellsOf(workbook, 'Lookup')).toEqual(lookup)
    expect(await cellsOf(workbook, ' lookup ')).toEqual(lookup)
    expect(await cellsOf(workbook, '1')).toEqual(lookup)
    expect(await parse(workbook, '2')).toEqual({
      outputs: TICKET_OUTPUTS,
      notes: ['sheet read: Tickets (tab 2 of 2)'],
    })
    // A tab named like a number is found by its name first.
    const numbered = buildXlsx([{ ...SUMMARY, name: '2' }, TICKETS])
    expect(await cellsOf(numbered, '2')).toEqual([
      ['Bulan', 'Jumlah'],
      ['Desember 2021', '2'],
    ])
  })

  it('an unknown XLSX_SHEET fails the file, naming the tabs that exist', async () => {
    const workbook = fixture('hidden-first-tab.xlsx')
    for (const choice of ['Data', '3', '0']) {
      await expect(parse(workbook, choice)).rejects.toThrow(
        new UnreadableFileError(
          'export.xlsx',
          `no sheet "${choice}" in the workbook (XLSX_SHEET; tabs: 1. Lookup (hidden), 2. Tickets)`,
        ),
      )
    }
  })

  it('a workbook whose tabs are all hidden fails the file', async () => {
    await expect(parse(buildXlsx([LOOKUP]))).rejects.toThrow(
      new UnreadableFileError(
        'export.xlsx',
        'the workbook has no visible worksheet (tabs: 1. Lookup (hidden))',
      ),
    )
  })

  it('a truncated workbook, a ZIP that is no workbook and a PNG fail as unreadable', async () => {
    await expect(parse(fixture('truncated-workbook.xlsx'))).rejects.toThrow(
      /^export\.xlsx: not a readable XLSX file: /,
    )
    const docx = zipParts([['word/document.xml', '<w:document/>']])
    await expect(parse(docx)).rejects.toThrow(
      'export.xlsx: not a readable XLSX file: a ZIP archive without xl/workbook.xml, not an XLSX workbook',
    )
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    await expect(parse(png)).rejects.toThrow(
      'export.xlsx: not a readable XLSX file: not a ZIP archive but a PNG image, as every XLSX workbook is',
    )
  })
})
