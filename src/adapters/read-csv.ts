import { Readable } from 'node:stream'
import { parse, type CsvError, type Options } from 'csv-parse'
import { decodeHead, decodeToUtf8, sniffEncoding } from './decode-text.js'
import { peekStream } from './peek-stream.js'
import type { TableRecord } from './read-table.js'

const SNIFF_BYTES = 64 * 1024

/** Where a reader reports what the file as a whole needed (an encoding it fell back to). */
export interface FileNotes {
  note(message: string): void
}

/**
 * Streams CSV records: `;`, `,` or tab sniffed from the header line, BOM, CRLF or LF, quoted
 * fields holding separators, quotes and line breaks. Record 0 is the header. A record the parser
 * cannot close (an unterminated quote) comes back with `error` and its raw text, never as a throw.
 * Blank records (only separators and spaces, as Excel writes empty rows) are not records.
 * Bytes that are not UTF-8 are read as Windows-1252, with a note (decode-text.ts).
 */
export async function* readCsv(input: Readable, notes: FileNotes): AsyncGenerator<TableRecord> {
  const { head, stream } = await peekStream(input, SNIFF_BYTES)
  const encoding = sniffEncoding(head, head.length < SNIFF_BYTES)
  if (encoding === 'windows-1252') {
    notes.note('not valid UTF-8: read as Windows-1252 (Excel "CSV" on a Windows PC)')
  }
  const text = Readable.from(
    decodeToUtf8(stream, encoding, (message) => notes.note(message)),
    { objectMode: false },
  )
  // Numbered while parsing: the parser reports a failed record at once, while the records before
  // it may still sit in its output buffer, so counting as they are read would misnumber them.
  let parsed = -1
  const failed: TableRecord[] = []
  const options: Options<TableRecord, { record: string[]; raw: string }> = {
    delimiter: sniffDelimiter(decodeHead(head, encoding)),
    bom: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: ({ record, raw }) => {
      if (record.every((cell) => cell.trim() === '')) return null
      parsed += 1
      return { recordNumber: parsed, cells: record, raw: trimNewline(raw) }
    },
  }
  // The typings assume on_record keeps the record type; with `raw` it gets { record, raw }.
  const parser = parse(options as unknown as Options)
  parser.on('skip', (error: CsvError & { raw?: string }) => {
    parsed += 1
    failed.push({
      recordNumber: parsed,
      cells: [],
      raw: trimNewline(error.raw ?? ''),
      error: error.message,
    })
  })
  text.on('error', (error) => parser.destroy(error))
  text.pipe(parser)
  for await (const record of parser as AsyncIterable<TableRecord>) {
    const later = failed.findIndex((f) => f.recordNumber > record.recordNumber)
    yield* failed.splice(0, later === -1 ? failed.length : later)
    yield record
  }
  yield* failed.splice(0)
}

function trimNewline(raw: string): string {
  return raw.replace(/\r?\n?$/, '').replace(/\r$/, '')
}

/**
 * The separator with the most occurrences outside quotes in the header line: `;` (Excel, id-ID),
 * `,`, or a tab (Excel's "Unicode Text"). A tie keeps the earlier of `;`, `,`, tab.
 */
export function sniffDelimiter(head: string): ';' | ',' | '\t' {
  const firstLine = head.split(/\r?\n/, 1)[0] ?? ''
  const unquoted = firstLine.replace(/"[^"]*"/g, '')
  const count = (ch: string) => unquoted.split(ch).length - 1
  const semicolons = count(';')
  const commas = count(',')
  const tabs = count('\t')
  if (tabs > semicolons && tabs > commas) return '\t'
  return semicolons > commas ? ';' : ','
}
