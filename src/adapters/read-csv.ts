import type { Readable } from 'node:stream'
import { parse, type CsvError } from 'csv-parse'
import { peekStream } from './peek-stream.js'
import type { TableRecord } from './read-table.js'

const SNIFF_BYTES = 64 * 1024

/**
 * Streams CSV records: `;` or `,` sniffed from the header line, BOM, CRLF or LF, quoted fields
 * holding separators, quotes and line breaks. Record 0 is the header. A record the parser cannot
 * close (an unterminated quote) comes back with `error` and its raw text, never as a throw.
 */
export async function* readCsv(input: Readable): AsyncGenerator<TableRecord> {
  const { head, stream } = await peekStream(input, SNIFF_BYTES)
  const parser = parse({
    delimiter: sniffDelimiter(head),
    bom: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  })
  const failed: TableRecord[] = []
  let recordNumber = -1
  parser.on('skip', (error: CsvError & { raw?: string }) => {
    recordNumber += 1
    failed.push({ recordNumber, cells: [], raw: trimNewline(error.raw ?? ''), error: error.message })
  })
  stream.on('error', (error) => parser.destroy(error))
  stream.pipe(parser)
  for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
    yield* failed.splice(0)
    recordNumber += 1
    yield { recordNumber, cells: record, raw: trimNewline(raw) }
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
