import type { Readable } from 'node:stream'
import type { AdapterOutput } from '../domain/adapter-output.js'
import type { CustomerKeyer } from '../domain/contact.js'
import type { SegmentMap } from '../domain/segment.js'

/**
 * How much one file may make a reader hold; exceeding one is a reject or a clear failure. Each
 * is a setting (in brackets): config.ts has its default, and adapters always get a value.
 */
export interface AdapterLimits {
  /** Largest record: CSV record, NDJSON line, CDR line, mail message (MAX_RECORD_BYTES). */
  maxRecordBytes: number
  /** XLSX: the largest workbook file (XLSX_MAX_BYTES). */
  xlsxMaxBytes: number
  /** XLSX: the largest uncompressed part, sheet or shared strings (XLSX_MAX_ENTRY_BYTES). */
  xlsxMaxEntryBytes: number
  /** XLSX: the highest compression ratio of a part (XLSX_MAX_RATIO). */
  xlsxMaxRatio: number
  /** XLSX: the largest shared strings part, all of it held in memory (XLSX_MAX_SHARED_STRINGS_BYTES). */
  xlsxMaxSharedStringsBytes: number
}

/** Per-channel settings an adapter may read, each from the setting in brackets (config.ts). */
export interface AdapterOptions extends AdapterLimits {
  /** Email: the contact center's own domain; its senders are agents (EMAIL_STAFF_DOMAIN). */
  staffDomain: string
  /** Email: the consultation inbox (EMAIL_CONSULTATION_INBOX). */
  consultationInbox: string
  /** Email: the Email Lapor inbox (EMAIL_REPORT_INBOX). */
  reportInbox: string
  /** HAI Kemenkeu: the unit whose tickets are ours (HAI_UNIT). */
  haiUnit: string
  /** Phone: CDR layout as `item:width` pairs or a preset; null = the documented default (CDR_LAYOUT). */
  cdrLayout: string | null
  /** Phone: CDR date order (CDR_DATE_ORDER). */
  cdrDateOrder: 'day/month' | 'month/day'
  /** XLSX: the worksheet to read, by name or 1-based tab index; null = the first visible tab (XLSX_SHEET). */
  xlsxSheet: string | null
}

/**
 * The configuration keys that set some AdapterOptions fields, by field (`staffDomain:
 * 'EMAIL_STAFF_DOMAIN'`). Their defaults are the configuration's; an unset key gives null.
 */
export type OptionSettings = Readonly<Partial<Record<keyof AdapterOptions, string>>>

/** Source timestamps outside this window are implausible: the record is rejected (email falls back to Received). */
export interface DateWindow {
  earliest: Date
  latest: Date
}

export interface AdapterContext {
  /** The file's name, for messages and extension checks. */
  fileName: string
  customerKey: CustomerKeyer
  segmentMap: SegmentMap
  options: AdapterOptions
  dateWindow: DateWindow
  /** Records a note about the file as a whole (the sheet read, an untrusted count); kept on the import. */
  note(message: string): void
}

/**
 * A channel adapter: a pure function of a file's bytes. It streams records and yields one
 * output per record; it touches no database, queue or file system. Adapters are composed by
 * `defineAdapter` (define-adapter.ts), which guarantees that nothing but UnreadableFileError
 * leaves one: a file that cannot be read whole fails, a record that cannot be read is rejected.
 */
export type Adapter = (input: Readable, ctx: AdapterContext) => AsyncIterable<AdapterOutput>

/** The window from `earliest` to `futureDays` days after `now` (DATE_EARLIEST, DATE_FUTURE_DAYS). */
export function dateWindowAt(now: Date, earliest: Date, futureDays: number): DateWindow {
  return { earliest, latest: new Date(now.getTime() + futureDays * 86_400_000) }
}
