import { StringDecoder } from 'node:string_decoder'
import { XmlScanner, type XmlAttributes, type XmlHandler } from './xml-scanner.js'
import { inflateEntry } from './xlsx-limits.js'
import type { WorkbookRelationship, WorkbookSheet } from './xlsx-tabs.js'
import type { ZipEntry } from './zip-archive.js'

/** What xl/workbook.xml says: its tabs in order and its date system. */
export interface WorkbookPart {
  sheets: WorkbookSheet[]
  /** Serial 0 is 1904-01-01 instead of 1899-12-30 (workbooks from old Excel for Mac). */
  date1904: boolean
}

export async function readWorkbookPart(entry: ZipEntry): Promise<WorkbookPart> {
  const workbook: WorkbookPart = { sheets: [], date1904: false }
  await scanPart(entry, {
    open(name, attributes) {
      if (name === 'sheet') {
        workbook.sheets.push({
          name: attributes.get('name'),
          state: attributes.get('state'),
          rId: attributes.get('id'),
        })
      } else if (name === 'workbookPr') {
        const date1904 = attributes.get('date1904')
        workbook.date1904 = date1904 === '1' || date1904 === 'true'
      }
    },
  })
  return workbook
}

export async function readRelationships(entry: ZipEntry): Promise<WorkbookRelationship[]> {
  const relationships: WorkbookRelationship[] = []
  await scanPart(entry, {
    open(name, attributes) {
      if (name !== 'Relationship') return
      relationships.push({
        Id: attributes.get('Id'),
        Type: attributes.get('Type'),
        Target: attributes.get('Target'),
      })
    },
  })
  return relationships
}

/**
 * Which cell styles (indexes into `cellXfs`) show a number as a date or time: the style's
 * number format, custom (`numFmts`) or built in, has date or time tokens outside quotes and
 * brackets. These are the rules Excel readers apply (exceljs's `isDateFmt`).
 */
export async function readDateStyles(entry: ZipEntry): Promise<boolean[]> {
  const customFormats = new Map<string, string>()
  const formatIds: (string | undefined)[] = []
  let inCellXfs = false
  await scanPart(entry, {
    open(name, attributes) {
      if (name === 'numFmt') {
        const id = attributes.get('numFmtId')
        const code = attributes.get('formatCode')
        if (id !== undefined && code !== undefined) {
          customFormats.set(String(parseInt(id, 10)), code)
        }
      } else if (name === 'cellXfs') {
        inCellXfs = true
      } else if (name === 'xf' && inCellXfs) {
        formatIds.push(attributes.get('numFmtId'))
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false
    },
  })
  return formatIds.map((id) => {
    const number = parseInt(id ?? '', 10)
    if (!number) return false
    const code = customFormats.get(String(number)) ?? BUILT_IN_FORMATS.get(number)
    return code !== undefined && isDateFormat(code)
  })
}

/** The built-in number formats that every reader knows without a `numFmt` (ECMA-376 18.8.30). */
const BUILT_IN_FORMATS = new Map<number, string>([
  [14, 'mm-dd-yy'],
  [15, 'd-mmm-yy'],
  [16, 'd-mmm'],
  [17, 'mmm-yy'],
  [18, 'h:mm AM/PM'],
  [19, 'h:mm:ss AM/PM'],
  [20, 'h:mm'],
  [21, 'h:mm:ss'],
  [22, 'm/d/yy "h":mm'],
  [45, 'mm:ss'],
  [46, '[h]:mm:ss'],
  [47, 'mmss.0'],
])

function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''))
}

/**
 * The shared strings table: each `<si>`'s text. A plain string is trimmed like every text cell;
 * a rich-text one (runs `<r><t>`) is its runs joined as they are; phonetic guides (`<rPh>`) are
 * not part of the text. An `<si>` without text is null: an empty cell.
 */
export async function readSharedStrings(entry: ZipEntry): Promise<(string | null)[]> {
  const strings: (string | null)[] = []
  let text: string | null = null
  let rich = false
  let inText = false
  let inPhonetic = false
  await scanPart(entry, {
    get wantsText() {
      return inText
    },
    open(name) {
      if (name === 'si') {
        text = null
        rich = false
      } else if (name === 'r') {
        rich = true
      } else if (name === 'rPh') {
        inPhonetic = true
      } else if (name === 't' && !inPhonetic) {
        inText = true
      }
    },
    close(name) {
      if (name === 't') inText = false
      else if (name === 'rPh') inPhonetic = false
      else if (name === 'si') strings.push(rich ? (text ?? '') : (text?.trim() ?? null))
    },
    text(chunk) {
      text = text === null ? chunk : text + chunk
    },
  })
  return strings
}

type PartialHandler = Partial<Omit<XmlHandler, 'open'>> & {
  open(name: string, attributes: XmlAttributes, selfClosing: boolean): void
}

/** Scans a part as it inflates: even a large shared strings table is never held as text. */
async function scanPart(entry: ZipEntry, handler: PartialHandler): Promise<void> {
  const scanner = new XmlScanner(
    {
      open: (name, attributes, selfClosing) => handler.open(name, attributes, selfClosing),
      close: (name) => handler.close?.(name),
      text: (text) => handler.text?.(text),
      get wantsText() {
        return handler.wantsText ?? false
      },
    },
    entry.path,
  )
  const decoder = new StringDecoder('utf8')
  for await (const chunk of inflateEntry(entry)) scanner.write(decoder.write(chunk))
  scanner.write(decoder.end())
  scanner.end()
}
