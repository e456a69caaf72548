import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { AdapterLimits } from '../../../src/adapters/adapter.js'
import { readTable } from '../../../src/adapters/formats/read-table.js'
import type { TableRecord } from '../../../src/adapters/formats/table-record.js'
import { DEFAULT_ADAPTER_OPTIONS } from '../../../src/services.js'
import { workbookParts, zipParts, type ZipPart } from '../../support/xlsx-package.js'

// Sheets written by hand, in the shapes Excel, LibreOffice, Google Sheets and streaming writers
// produce, and in shapes an attacker would: each checks the cells the reader makes of them.

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'

interface Parts {
  /** The `<si>` elements of xl/sharedStrings.xml; none: no shared strings part at all. */
  sharedStrings?: string
  /** xl/styles.xml's content inside `<styleSheet>`. */
  styles?: string
  /** xl/workbook.xml's `<workbookPr>`. */
  workbookPr?: string
  /** The whole sheet part, when `sheetData` is not enough. */
  sheetXml?: string
}

/** A one-tab workbook whose sheet holds `sheetData` (the rows' XML). */
function workbook(sheetData: string, parts: Parts = {}): Buffer {
  const sheetXml =
    parts.sheetXml ??
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${sheetData}</sheetData></worksheet>`
  const replaced = workbookParts([{ name: 'Data', rows: [] }], { strings: 'inline' }).flatMap(
    ([path, content]): ZipPart[] => {
      if (path === 'xl/worksheets/sheet1.xml') return [[path, sheetXml]]
      if (path === 'xl/styles.xml' && parts.styles !== undefined) {
        return [[path, `<styleSheet xmlns="${NS}">${parts.styles}</styleSheet>`]]
      }
      if (path === 'xl/workbook.xml' && parts.workbookPr !== undefined) {
        return [[path, String(content).replace('<sheets>', `${parts.workbookPr}<sheets>`)]]
      }
      return [[path, content]]
    },
  )
  if (parts.sharedStrings !== undefined) {
    replaced.push(['xl/sharedStrings.xml', `<sst xmlns="${NS}">${parts.sharedStrings}</sst>`])
  }
  return zipParts(replaced)
}

async function records(bytes: Buffer, limits: Partial<AdapterLimits> = {}): Promise<TableRecord[]> {
  const reading = {
    fileName: 'cells.xlsx',
    options: { ...DEFAULT_ADAPTER_OPTIONS, ...limits },
    note: () => undefined,
  }
  const read: TableRecord[] = []
  for await (const record of readTable(Readable.from([bytes]), reading)) read.push(record)
  return read
}

const cells = async (bytes: Buffer) => (await records(bytes)).map((record) => record.cells)
const row = (...cellXml: string[]) => `<row>${cellXml.join('')}</row>`

/** Styles: 1 date (built-in 14), 2 date and time (custom), 3 a number with quoted text, 4 time (built-in 21). */
const STYLES =
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/><numFmt numFmtId="165" formatCode="0.0&quot; hari&quot;"/></numFmts>' +
  '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
  '<cellXfs count="5"><xf numFmtId="14"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="21"/></cellXfs>'

describe('XLSX cells: values as text', () => {
  it('reads shared strings: plain ones trimmed, rich-text runs joined, phonetic guides left out', async () => {
    const sharedStrings =
      '<si><t>Tiket</t></si>' +
      '<si><t xml:space="preserve">  padded  </t></si>' +
      '<si><r><rPr><b/></rPr><t>Dana </t></r><r><t xml:space="preserve">Alokasi </t></r></si>' +
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>' +
      '<si><t>a &amp; b &lt;c&gt; &#233;&#x1F600;</t></si>'
    const sheet = row(...[0, 1, 2, 3, 4].map((i) => `<c t="s"><v>${i}</v></c>`))
    expect(await cells(workbook(sheet, { sharedStrings }))).toEqual([
      ['Tiket', 'padded', 'Dana Alokasi ', '東京', 'a & b <c> é😀'],
    ])
  })

  it('reads inline strings (with runs), formula strings, booleans, errors and numbers', async () => {
    const sheet = row(
      '<c r="A1" t="inlineStr"><is><t> inline </t></is></c>',
      '<c r="B1" t="inlineStr"><is><r><t>in</t></r><r><rPr><i/></rPr><t xml:space="preserve">line runs</t></r></is></c>',
      '<c r="C1" t="str"><f>A1&amp;"!"</f><v>inline!</v></c>',
      '<c r="D1" t="b"><v>1</v></c>',
      '<c r="E1" t="b"><v>0</v></c>',
      '<c r="F1" t="e"><v>#N/A</v></c>',
      '<c r="G1"><v>1.50</v></c>',
      '<c r="H1" t="n"><v>1E3</v></c>',
      '<c r="I1"><v>-0.000123</v></c>',
      '<c r="J1"><f>1+1</f><v>2</v></c>',
      '<c r="K1"><f>NOW()</f></c>',
    )
    expect(await cells(workbook(sheet))).toEqual([
      [
        'inline',
        'inline runs',
        'inline!',
        'true',
        'false',
        '',
        '1.5',
        '1000',
        '-0.000123',
        '2',
        '',
      ],
    ])
  })

  it('turns numbers in date styles into naive date text; other styles and style 0 stay numbers', async () => {
    const sheet = row(
      '<c r="A1" s="1"><v>44531</v></c>',
      '<c r="B1" s="2"><v>44531.979166666664</v></c>',
      '<c r="C1" s="3"><v>2.5</v></c>',
      '<c r="D1" s="4"><v>0.5</v></c>',
      '<c r="E1" s="0"><v>44531</v></c>',
      '<c r="F1" s="9"><v>44531</v></c>',
      '<c r="G1" s="2"><f>A1+1</f><v>44532</v></c>',
      '<c r="H1" s="2" t="d"><v>2021-12-01T09:23:00Z</v></c>',
      '<c r="I1" s="2"><v>1e300</v></c>',
    )
    expect(await cells(workbook(sheet, { styles: STYLES }))).toEqual([
      [
        '2021-12-01 00:00:00',
        '2021-12-01 23:30:00',
        '2.5',
        '1899-12-30 12:00:00',
        '44531',
        '44531',
        '2021-12-02 00:00:00',
        '2021-12-01 09:23:00',
        '1e+300',
      ],
    ])
  })

  it('counts serials from 1904-01-01 in a workbook on the 1904 date system', async () => {
    const sheet = row('<c s="1"><v>0</v></c>', '<c s="2"><v>43069.5</v></c>')
    for (const flag of ['1', 'true']) {
      const bytes = workbook(sheet, {
        styles: STYLES,
        workbookPr: `<workbookPr date1904="${flag}"/>`,
      })
      expect(await cells(bytes)).toEqual([['1904-01-01 00:00:00', '2021-12-01 12:00:00']])
    }
  })

  it('places cells by their reference: gaps are empty, no reference follows the previous cell', async () => {
    const sheet =
      row('<c r="A1" t="inlineStr"><is><t>id</t></is></c>', '<c r="D1" t="str"><v>status</v></c>') +
      row('<c r="$B$2"><v>7</v></c>', '<c><v>8</v></c>', '<c r="E2" s="1"/>') +
      row('<c r="C3"><v>3</v></c>', '<c r="A3"><v>1</v></c>', '<c r="C3"><v>33</v></c>')
    expect(await cells(workbook(sheet))).toEqual([
      ['id', '', '', 'status'],
      ['', '7', '8'],
      ['1', '', '33'],
    ])
  })

  it('skips empty rows and reads elements of any namespace prefix, comments, CDATA and PIs', async () => {
    const sheetXml =
      `<?xml version="1.0" encoding="UTF-8"?>\n<x:worksheet xmlns:x="${NS}"><x:sheetData>` +
      '<x:row r="1"/><x:row r="2"><x:c r="A2" s="1"/><x:c r="B2" t="inlineStr"><x:is><x:t> </x:t></x:is></x:c></x:row>' +
      '<!-- a comment with <row> inside --><?pi data?>' +
      '<x:row r="3"><x:c r="A3" t="str"><x:v><![CDATA[a <b> & c]]></x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>'
    expect(await cells(workbook('', { sheetXml }))).toEqual([['a <b> & c']])
  })

  it('reads a sheet across many chunks: multibyte text and tags cut anywhere', async () => {
    const text = (i: number) => `Pelanggan ${i} — 日本語 é 😀 &amp; ${'x'.repeat(i % 300)}`
    const rows = Array.from({ length: 3000 }, (_, i) =>
      row(`<c r="A${i + 1}"><v>${i}</v></c>`, `<c r="B${i + 1}" t="str"><v>${text(i)}</v></c>`),
    )
    const read = await cells(workbook(rows.join('\n')))
    expect(read).toHaveLength(3000)
    read.forEach((cellsOfRow, i) =>
      expect(cellsOfRow).toEqual([String(i), text(i).replace('&amp;', '&').trim()]),
    )
  })
})

describe('XLSX cells: hostile and broken sheets', () => {
  it('refuses a DTD, so no entity is ever expanded', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      `<worksheet xmlns="${NS}"><sheetData><row><c t="str"><v>&b;</v></c></row></sheetData></worksheet>`
    await expect(records(workbook('', { sheetXml: laughs }))).rejects.toThrow(
      'xl/worksheets/sheet1.xml declares a DTD, which no XLSX part may have',
    )
    const sharedStrings = '<!DOCTYPE sst [<!ENTITY a "x">]><si><t>&a;</t></si>'
    await expect(records(workbook('', { sharedStrings }))).rejects.toThrow(
      'xl/sharedStrings.xml declares a DTD',
    )
  })

  it('fails on an entity XML does not define', async () => {
    await expect(records(workbook(row('<c t="str"><v>&nbsp;</v></c>')))).rejects.toThrow(
      'xl/worksheets/sheet1.xml uses an undefined entity &nbsp;',
    )
  })

  it('rejects the row whose shared string index is out of range, and reads the others', async () => {
    const sharedStrings = '<si><t>ok</t></si>'
    const sheet =
      row('<c t="s"><v>0</v></c>') +
      row('<c r="A2" t="s"><v>0</v></c>', '<c r="B2" t="s"><v>5</v></c>') +
      row('<c t="s"><v>0</v></c>')
    expect(await records(workbook(sheet, { sharedStrings }))).toEqual([
      { recordNumber: 0, cells: ['ok'], raw: '["ok"]' },
      {
        recordNumber: 1,
        cells: [],
        raw: '["ok",""]',
        error: 'cell B2 refers to shared string 5, but the table has 1',
      },
      { recordNumber: 2, cells: ['ok'], raw: '["ok"]' },
    ])
  })

  it('fails on a shared string cell in a workbook without a shared strings table', async () => {
    await expect(records(workbook(row('<c t="s"><v>0</v></c>')))).rejects.toThrow(
      'a cell refers to a missing shared strings table',
    )
  })

  it('fails on a cell beyond column XFD instead of allocating a row that wide', async () => {
    await expect(records(workbook(row('<c r="ZZZZZZZZ1"><v>1</v></c>')))).rejects.toThrow(
      'xl/worksheets/sheet1.xml: cell "ZZZZZZZZ1" is outside columns A to XFD, the most a sheet has',
    )
    const widest = await cells(workbook(row('<c r="XFD1"><v>1</v></c>')))
    expect(widest[0]).toHaveLength(16_384)
  })

  it('fails on a sheet that ends inside its rows or a tag', async () => {
    const cut = `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData>${row('<c><v>1</v></c>')}<row><c><v>2</v>`
    await expect(records(workbook('', { sheetXml: cut }))).rejects.toThrow(
      'xl/worksheets/sheet1.xml ends before its </sheetData>: the sheet is cut short',
    )
    const inTag = `<worksheet xmlns="${NS}"><sheetData><row><c r="A1`
    await expect(records(workbook('', { sheetXml: inTag }))).rejects.toThrow(
      'xl/worksheets/sheet1.xml ends inside a tag',
    )
  })

  it('fails on a single tag or text of megabytes instead of buffering it whole', async () => {
    const huge = row(`<c t="str"><v>${'a'.repeat(5 << 20)}</v></c>`)
    await expect(records(workbook(huge), { xlsxMaxRatio: 100_000 })).rejects.toThrow(
      'xl/worksheets/sheet1.xml holds a tag or text of more than 4 MB',
    )
  })

  it('stops at </sheetData>: what follows is not read', async () => {
    const sheetXml = `<worksheet xmlns="${NS}"><sheetData>${row('<c><v>1</v></c>')}</sheetData><garbage`
    expect(await cells(workbook('', { sheetXml }))).toEqual([['1']])
  })
})
