import type { Readable } from 'node:stream'
import { csvRecords } from './csv-records.js'
import { decodeHead, decodeToUtf8, sniffEncoding } from './decode-text.js'
import { peekStream } from './peek-stream.js'
import type { TableRecord } from './table-record.js'

const SNIFF_BYTES = 64 * 1024

/** Where a reader reports what the file as a whole needed (an encoding it fell back to). */
export interface FileNotes {
  note(message: string): void
}

/**
 * Streams CSV records: `;`, `,` or tab sniffed from the header line, BOM, CRLF, LF or CR,
 * quoted fields holding separators, quotes and line breaks (csv-records.ts). Record 0 is the
 * header. A record larger than `maxRecordBytes` comes back with `error` and a bounded excerpt;
 * a quote left open at the end of the file fails it, naming the line the quote opened on.
 * Blank records (only separators and spaces, as Excel writes empty rows) are not records.
 * Bytes that are not UTF-8 are read as Windows-1252, with a note (decode-text.ts).
 */
export async function* readCsv(
  input: Readable,
  reading: FileNotes & { maxRecordBytes: number },
): AsyncGenerator<TableRecord> {
  const { head, stream } = await peekStream(input, SNIFF_BYTES)
  const encoding = sniffEncoding(head, head.length < SNIFF_BYTES)
  if (encoding === 'windows-1252') {
    reading.note('not valid UTF-8: read as Windows-1252 (Excel "CSV" on a Windows PC)')
  }
  const text = withoutBom(decodeToUtf8(stream, encoding, (message) => reading.note(message)))
  const delimiter = sniffDelimiter(decodeHead(head, encoding).replace(/^\uFEFF/, ''))
  let recordNumber = -1
  for await (const records of csvRecords(text, delimiter, reading.maxRecordBytes)) {
    for (const { cells, raw, error } of records) {
      if (!error && cells.every((cell) => cell.trim() === '')) continue
      recordNumber += 1
      yield error ? { recordNumber, cells: [], raw, error } : { recordNumber, cells, raw }
    }
  }
}

/** The decoded chunks as text (each ends on a whole character), without a leading BOM. */
async function* withoutBom(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let first = true
  for await (const chunk of chunks) {
    const text = chunk.toString('utf8')
    yield first ? text.replace(/^\uFEFF/, '') : text
    if (text !== '') first = false
  }
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
