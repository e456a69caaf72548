import type { TableRecord } from './table-record.js'
import type { XmlAttributes, XmlHandler } from './xml-scanner.js'

/** What a sheet's cells refer to outside the sheet. */
export interface SheetContext {
  part: string
  /** xl/sharedStrings.xml's strings, or null when the workbook has no such part. */
  sharedStrings: readonly (string | null)[] | null
  /** Per cell style index: does it show numbers as dates? */
  dateStyles: readonly boolean[]
  date1904: boolean
}

/** Excel's last column, XFD. */
const MAX_COLUMN = 16_384

/**
 * Turns a worksheet's `<sheetData>` into text records, as the XML scanner reports it. A cell is
 * placed by the column of its `r` reference (or after the previous cell when it has none); a
 * later cell for the same column replaces an earlier one; missing cells are empty. A row is as
 * wide as its last cell with a value, and a row whose cells are all empty is skipped.
 */
export class SheetRows implements XmlHandler {
  /** Records completed since the caller last took them. */
  ready: TableRecord[] = []
  /** `</sheetData>` was seen: the rest of the part holds no rows. */
  done = false
  wantsText = false

  private inSheetData = false
  private recordNumber = -1
  private cells: string[] | null = null
  private width = 0
  /** A cell of the row has non-empty text. */
  private hasText = false
  private nextColumn = 1
  private rowError: string | undefined
  private column = 0
  private reference = ''
  private type: string | undefined
  private style = 0
  private value: string | null = null
  private formula = false
  private inInlineString = false
  private inPhonetic = false

  /** Styles matter only to numbers in a workbook that has date styles. */
  private readonly hasDateStyles: boolean

  constructor(private readonly context: SheetContext) {
    this.hasDateStyles = context.dateStyles.includes(true)
  }

  open(name: string, attributes: XmlAttributes): void {
    if (this.cells === null) {
      if (name === 'sheetData') this.inSheetData = true
      else if (name === 'row' && this.inSheetData) this.startRow()
      return
    }
    if (this.column === 0) {
      if (name === 'c') this.startCell(attributes)
      return
    }
    if (name === 'v') {
      this.value = ''
      this.wantsText = true
    } else if (name === 'is') {
      this.value = ''
      this.inInlineString = true
    } else if (name === 'f') {
      this.formula = true
    } else if (name === 'rPh') {
      this.inPhonetic = true
    } else if (name === 't' && this.inInlineString && !this.inPhonetic) {
      this.wantsText = true
    }
  }

  close(name: string): void {
    if (name === 'c') {
      if (this.column !== 0) this.endCell()
    } else if (name === 'v' || name === 't') {
      this.wantsText = false
    } else if (name === 'is') {
      this.inInlineString = false
    } else if (name === 'rPh') {
      this.inPhonetic = false
    } else if (name === 'row') {
      if (this.cells !== null) this.endRow()
    } else if (name === 'sheetData') {
      this.inSheetData = false
      this.done = true
    }
  }

  text(text: string): void {
    this.value += text
  }

  private startRow(): void {
    this.cells = []
    this.width = 0
    this.hasText = false
    this.nextColumn = 1
    this.rowError = undefined
  }

  private startCell(attributes: XmlAttributes): void {
    const reference = attributes.get('r')
    const column = reference === undefined ? this.nextColumn : columnOf(reference)
    if (column > MAX_COLUMN || column < 1) {
      const shown = reference === undefined ? `number ${column}` : `"${reference.slice(0, 20)}"`
      throw new Error(
        `${this.context.part}: cell ${shown} is outside columns A to XFD, the most a sheet has`,
      )
    }
    this.column = column
    this.nextColumn = column + 1
    this.reference = reference ?? ''
    this.type = attributes.get('t')
    const style = this.hasDateStyles ? attributes.get('s') : undefined
    this.style = style === undefined ? 0 : parseInt(style, 10)
    this.value = null
    this.formula = false
    this.wantsText = false
    this.inInlineString = false
    this.inPhonetic = false
  }

  private endCell(): void {
    // A formula without a cached result reads as empty text, a cell without a value as nothing.
    const value = this.value !== null ? this.cellValue(this.value) : this.formula ? '' : null
    const column = this.column
    this.column = 0
    this.wantsText = false
    if (value === null) return
    const cells = this.cells!
    // Columns usually come in order; a gap or a step back fills the columns skipped.
    while (cells.length < column - 1) cells.push('')
    if (cells.length === column - 1) cells.push(value)
    else cells[column - 1] = value
    if (column > this.width) this.width = column
    if (value !== '') this.hasText = true
  }

  /** The text of a cell with a `<v>` or `<is>`, or null for a cell read as empty. */
  private cellValue(text: string): string | null {
    switch (this.type) {
      case 's':
        return this.sharedString(text)
      case 'str':
      case 'inlineStr':
        return text.trim()
      case 'b':
        return parseInt(text, 10) !== 0 ? 'true' : 'false'
      case 'e':
        return ''
      case 'd':
        return isoDateText(text)
      default: {
        const number = parseFloat(text)
        const isDate = this.style > 0 && this.context.dateStyles[this.style] === true
        return isDate ? serialDateText(number, this.context.date1904) : String(number)
      }
    }
  }

  private sharedString(text: string): string | null {
    const strings = this.context.sharedStrings
    if (strings === null) throw new Error('a cell refers to a missing shared strings table')
    const index = parseInt(text, 10)
    if (index >= 0 && index < strings.length) return strings[index]!
    this.rowError ??= `cell ${this.reference || `in column ${this.column}`} refers to shared string ${text.trim().slice(0, 20)}, but the table has ${strings.length}`
    return ''
  }

  private endRow(): void {
    const cells = this.cells!
    this.cells = null
    if (!this.rowError && !this.hasText) return
    this.recordNumber += 1
    const raw = JSON.stringify(cells)
    this.ready.push(
      this.rowError
        ? { recordNumber: this.recordNumber, cells: [], raw, error: this.rowError }
        : { recordNumber: this.recordNumber, cells, raw },
    )
  }
}

/** The column number of a reference like `AB12` or `$AB$12`; 0 when it names none. */
function columnOf(reference: string): number {
  let column = 0
  for (let i = 0; i < reference.length; i++) {
    const code = reference.charCodeAt(i)
    if (code >= 0x41 && code <= 0x5a) column = column * 26 + code - 0x40
    else if (code !== 0x24 || column > 0) break
    if (column > MAX_COLUMN) return column
  }
  return column
}

/**
 * A date cell as naive `yyyy-mm-dd HH:MM:SS`: Excel stores wall-clock time without a zone.
 * Serials count days from 1899-12-30 (25569 before 1970-01-01), or from 1904-01-01; rounded to
 * the millisecond. A serial no date can hold stays a number.
 */
function serialDateText(serial: number, date1904: boolean): string {
  const date = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000))
  if (Number.isNaN(date.getTime())) return String(serial)
  return date.toISOString().slice(0, 19).replace('T', ' ')
}

/** An ISO 8601 date cell (`t="d"`, strict OOXML) the same way; other text as it is. */
function isoDateText(text: string): string {
  const match = /^\s*(\d{4}-\d\d-\d\d)(?:T(\d\d:\d\d(?::\d\d)?))?/.exec(text)
  if (!match) return text.trim()
  const time = match[2] ?? '00:00:00'
  return `${match[1]} ${time.length === 5 ? `${time}:00` : time}`
}
