import { WholeRecordScanner } from './csv-whole-record.js'

/**
 * CSV framing as Excel and RFC 4180 write it, with bounded memory: a quote opens a quoted field
 * only at the field's start (elsewhere it is text), `""` inside one is a quote, and a record ends
 * at CRLF, LF or a lone CR outside quotes. A record longer than `maxRecordChars` is not kept: the
 * framer skips to its end (still following quotes) and yields it with an error and a bounded
 * excerpt. A quote still open at the end of the input fails the file, naming the line it opened
 * on, instead of swallowing every record after it.
 */

/** One framed record: its cells, its source text, or why it is not a record. */
export interface CsvRecord {
  cells: string[]
  raw: string
  /** The 1-based line the record starts on. */
  line: number
  error?: string
}

/** How much of an oversized record's text is kept with its reject. */
export const RAW_EXCERPT_CHARS = 2000

const QUOTE = 0x22
const CR = 0x0d
const LF = 0x0a

class UnterminatedQuoteError extends Error {
  constructor(readonly line: number) {
    super(`unterminated quote starting at line ${line}`)
  }
}

/**
 * At most this many records go out at a time: a step of an async generator per record is
 * measurable, and a chunk of empty lines must not be held whole as record objects.
 */
const RECORDS_PER_STEP = 256

/**
 * Frames CSV text chunks into records, `delimiter` one character, handed on in arrays of up to
 * RECORDS_PER_STEP.
 */
export async function* csvRecords(
  chunks: AsyncIterable<string>,
  delimiter: string,
  maxRecordChars: number,
): AsyncGenerator<CsvRecord[]> {
  const sep = delimiter.charCodeAt(0)
  let line = 1
  let recordLine = 1
  let quoteLine = 0
  let cells: string[] = []
  let field = ''
  let raw = ''
  let size = 0
  let oversized = false
  let fieldStart = true
  let quoting = false
  let afterQuote = false // a quote seen inside a quoted field: closing, or the first of `""`
  let badQuote = false
  let pendingCr = false // a CR ended the previous chunk: a following LF belongs to it
  const whole = new WholeRecordScanner(delimiter, maxRecordChars)

  const endRecord = (): CsvRecord => {
    cells.push(field)
    const record: CsvRecord = oversized
      ? {
          cells: [],
          raw,
          line: recordLine,
          error: `record larger than ${maxRecordChars} bytes (lines ${recordLine}-${line}): skipped`,
        }
      : { cells, raw, line: recordLine }
    if (!oversized && badQuote) record.error = `text after a closing quote at line ${recordLine}`
    cells = []
    field = ''
    raw = ''
    size = 0
    oversized = false
    badQuote = false
    fieldStart = true
    return record
  }

  for await (const chunk of chunks) {
    whole.startChunk(chunk)
    let records: CsvRecord[] = []
    let start = 0 // where the chunk's part of the current record starts
    let fieldFrom = 0 // where the current field's pending text starts in the chunk
    const keep = (to: number) => {
      // An oversized record's excerpt is its first RAW_EXCERPT_CHARS, however it was chunked.
      if (oversized && raw.length >= RAW_EXCERPT_CHARS) return
      const part = chunk.slice(start, to)
      if (!oversized) {
        size += part.length
        if (size <= maxRecordChars) {
          raw += part
          return
        }
        oversized = true
        cells = []
        field = ''
      }
      raw = (raw + part).slice(0, RAW_EXCERPT_CHARS)
    }
    const takeField = (to: number) => {
      if (!oversized) field += chunk.slice(fieldFrom, to)
    }
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i)
      if (pendingCr) {
        pendingCr = false
        if (c === LF) {
          start = fieldFrom = i + 1
          continue
        }
      }
      if (i === start && raw === '' && cells.length === 0 && !quoting) {
        const next = whole.scan(i)
        if (next !== -1) {
          const record = { cells: whole.cells, raw: chunk.slice(i, whole.end), line: recordLine }
          if (records.push(record) === RECORDS_PER_STEP) {
            yield records
            records = []
          }
          line += whole.newlines + 1
          recordLine = line
          start = fieldFrom = next
          i = next - 1
          continue
        }
      }
      if (quoting) {
        if (afterQuote) {
          afterQuote = false
          if (c === QUOTE) {
            if (!oversized) field += '"'
            fieldFrom = i + 1
            continue
          }
          quoting = false
          fieldFrom = i
          if (c !== sep && c !== LF && c !== CR) badQuote = true
        } else {
          if (c === QUOTE) {
            takeField(i)
            afterQuote = true
          } else if (c === LF) line += 1
          continue
        }
      }
      if (c === sep) {
        takeField(i)
        cells.push(oversized ? '' : field)
        field = ''
        fieldStart = true
        fieldFrom = i + 1
        continue
      }
      if (c === LF || c === CR) {
        takeField(i)
        keep(i)
        if (records.push(endRecord()) === RECORDS_PER_STEP) {
          yield records
          records = []
        }
        line += 1
        if (c === CR) {
          if (i + 1 === chunk.length) pendingCr = true
          else if (chunk.charCodeAt(i + 1) === LF) i += 1
        }
        start = fieldFrom = i + 1
        recordLine = line
        continue
      }
      if (c === QUOTE && fieldStart) {
        quoting = true
        quoteLine = line
        fieldFrom = i + 1
      }
      fieldStart = false
    }
    if (!(quoting && afterQuote)) takeField(chunk.length)
    keep(chunk.length)
    if (records.length > 0) yield records
  }
  if (quoting && !afterQuote) throw new UnterminatedQuoteError(quoteLine)
  if (raw !== '') yield [endRecord()]
}
