import type { Readable } from 'node:stream'
import { parse, type CsvError, type Options } from 'csv-parse'
import { peekStream } from './peek-stream.js'
import type { TableRecord } from './read-table.js'

const SNIFF_BYTES = 64 * 1024

/**
 * Streams CSV records: `;` or `,` sniffed from the header line, BOM, CRLF or LF, quoted fields
 * holding separators, quotes and line breaks. Record 0 is the header. A record the parser cannot
 * close (an unterminated quote) comes back with `error` and its raw text, never as a throw.
 * Blank records (only separators and spaces, as Excel writes empty rows) are not records.
 */
export async function* readCsv(input: Readable): AsyncGenerator<TableRecord> {
  const { head, stream } = await peekStream(input, SNIFF_BYTES)
  // Numbered while parsing: the parser reports a failed record at once, while the records before
  // it may still sit in its output buffer, so counting as they are read would misnumber them.
  let parsed = -1
  const failed: TableRecord[] = []
  const options: Options<TableRecord, { record: string[]; raw: string }> = {
    delimiter: sniffDelimiter(head),
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
    failed.push({ recordNumber: parsed, cells: [], raw: trimNewline(error.raw ?? ''), error: error.message })
  })
  stream.on('error', (error) => parser.destroy(error))
  stream.pipe(parser)
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

/** `;` when the header line has more semicolons than commas outside quotes (Excel, id-ID). */
export function sniffDelimiter(head: Buffer): ';' | ',' {
  const firstLine = head.toString('utf8').split(/\r?\n/, 1)[0] ?? ''
  const unquoted = firstLine.replace(/"[^"]*"/g, '')
  const count = (ch: string) => unquoted.split(ch).length - 1
  return count(';') > count(',') ? ';' : ','
}
