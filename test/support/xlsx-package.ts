import { crc32, deflateRawSync } from 'node:zlib'

/** A ZIP entry: its path and its content. */
export type ZipPart = readonly [path: string, content: string | Buffer]

/** A worksheet to write: its tab name, rows (numbers stay number cells) and visibility. */
export interface SheetSpec {
  name: string
  rows: readonly (readonly (string | number)[])[]
  state?: 'hidden' | 'veryHidden'
  /** The part number (`xl/worksheets/sheet<part>.xml`); tabs moved in Excel keep theirs. */
  part?: number
}

export interface WorkbookStyle {
  /** `shared`: Excel's sharedStrings.xml; `inline`: inlineStr cells, no table (streaming writers). */
  strings?: 'shared' | 'inline'
  /** Relationship targets from the package root (`/xl/worksheets/…`, as openpyxl writes them). */
  absoluteTargets?: boolean
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * The parts of an XLSX package in the order Excel writes them: content types, package rels,
 * workbook, its rels, the sheets, then styles and shared strings after the sheets.
 */
export function workbookParts(sheets: readonly SheetSpec[], style: WorkbookStyle = {}): ZipPart[] {
  const strings: string[] = []
  const stringIndex = (text: string) => {
    const at = strings.indexOf(text)
    return at >= 0 ? at : strings.push(text) - 1
  }
  const partOf = (sheet: SheetSpec, i: number) => sheet.part ?? i + 1
  const sheetXml = (sheet: SheetSpec) => {
    const rows = sheet.rows.map((row, r) => {
      const cells = row.map((value, c) => {
        const ref = `${columnName(c)}${r + 1}`
        if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`
        if (style.strings === 'inline') {
          return `<c r="${ref}" t="inlineStr"><is><t>${escape(value)}</t></is></c>`
        }
        return `<c r="${ref}" t="s"><v>${stringIndex(value)}</v></c>`
      })
      return `<row r="${r + 1}">${cells.join('')}</row>`
    })
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`
  }
  const sheetParts = sheets.map((sheet, i): ZipPart => [
    `xl/worksheets/sheet${partOf(sheet, i)}.xml`,
    sheetXml(sheet),
  ])
  const target = (path: string) => (style.absoluteTargets ? `/xl/${path}` : path)
  const workbookRels = sheets.map(
    (sheet, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="${target(`worksheets/sheet${partOf(sheet, i)}.xml`)}"/>`,
  )
  workbookRels.push(
    `<Relationship Id="rIdS" Type="${REL_NS}/styles" Target="${target('styles.xml')}"/>`,
  )
  if (style.strings !== 'inline') {
    workbookRels.push(
      `<Relationship Id="rIdT" Type="${REL_NS}/sharedStrings" Target="${target('sharedStrings.xml')}"/>`,
    )
  }
  const tabs = sheets.map(
    (sheet, i) =>
      `<sheet name="${escape(sheet.name)}" sheetId="${partOf(sheet, i)}"${sheet.state ? ` state="${sheet.state}"` : ''} r:id="rId${i + 1}"/>`,
  )
  const parts: ZipPart[] = [
    ['[Content_Types].xml', contentTypes(sheets.map(partOf), style.strings !== 'inline')],
    [
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets>${tabs.join('')}</sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${workbookRels.join('')}</Relationships>`,
    ],
    ...sheetParts,
    [
      'xl/styles.xml',
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`,
    ],
  ]
  if (style.strings !== 'inline') {
    const items = strings.map((text) => `<si><t xml:space="preserve">${escape(text)}</t></si>`)
    parts.push([
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${items.length}" uniqueCount="${items.length}">${items.join('')}</sst>`,
    ])
  }
  return parts
}

function contentTypes(sheetParts: readonly number[], sharedStrings: boolean): string {
  const main = 'application/vnd.openxmlformats-officedocument.spreadsheetml'
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="${main}.sheet.main+xml"/>`,
    ...sheetParts.map(
      (part) =>
        `<Override PartName="/xl/worksheets/sheet${part}.xml" ContentType="${main}.worksheet+xml"/>`,
    ),
    `<Override PartName="/xl/styles.xml" ContentType="${main}.styles+xml"/>`,
  ]
  if (sharedStrings) {
    overrides.push(
      `<Override PartName="/xl/sharedStrings.xml" ContentType="${main}.sharedStrings+xml"/>`,
    )
  }
  return `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`
}

function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  }
  return name
}

/** Entries carry a fixed date, so a rebuilt fixture is byte for byte the committed one. */
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1

/** A ZIP archive of the parts in the given order, each deflated (local headers + central directory). */
export function zipParts(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const [path, content] of parts) {
    const data = Buffer.from(content)
    const packed = deflateRawSync(data)
    const name = Buffer.from(path)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(20, 4)
    entry.writeUInt16LE(20, 6)
    entry.writeUInt16LE(8, 10)
    entry.writeUInt16LE(DOS_DATE_1980_01_01, 14)
    entry.writeUInt32LE(crc, 16)
    entry.writeUInt32LE(packed.length, 20)
    entry.writeUInt32LE(data.length, 24)
    entry.writeUInt16LE(name.length, 28)
    entry.writeUInt32LE(offset, 42)
    locals.push(local, name, packed)
    central.push(entry, name)
    offset += local.length + name.length + packed.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/** An XLSX workbook of these sheets, its parts in Excel's order unless `order` rearranges them. */
export function buildXlsx(
  sheets: readonly SheetSpec[],
  style: WorkbookStyle = {},
  order: (parts: ZipPart[]) => ZipPart[] = (parts) => parts,
): Buffer {
  return zipParts(order(workbookParts(sheets, style)))
}
