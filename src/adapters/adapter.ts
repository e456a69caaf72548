import type { Readable } from 'node:stream'
import type { AdapterOutput } from '../domain/adapter-output.js'
import type { CustomerKeyer } from '../domain/contact.js'
import type { SegmentMap } from '../domain/segment.js'

/** How much one file may make a reader hold; exceeding one is a reject or a clear failure. */
export interface AdapterLimits {
  /** Largest record (CSV record, NDJSON line, CDR line, mail message). @defaultValue 10 MB */
  maxRecordBytes: number
  /** XLSX: the largest workbook file. @defaultValue 100 MB */
  xlsxMaxBytes: number
  /** XLSX: the largest uncompressed part (sheet, shared strings). @defaultValue 256 MB */
  xlsxMaxEntryBytes: number
  /** XLSX: the highest compression ratio of a part. @defaultValue 200 */
  xlsxMaxRatio: number
  /** XLSX: the largest shared strings part (uncompressed), all of which is held in memory. @defaultValue 32 MB */
  xlsxMaxSharedStringsBytes: number
}

export const DEFAULT_LIMITS: AdapterLimits = Object.freeze({
  maxRecordBytes: 10 * 1024 * 1024,
  xlsxMaxBytes: 100 * 1024 * 1024,
  xlsxMaxEntryBytes: 256 * 1024 * 1024,
  xlsxMaxRatio: 200,
  xlsxMaxSharedStringsBytes: 32 * 1024 * 1024,
})

/** Per-channel settings an adapter may read; every field has a documented default. */
export interface AdapterOptions extends AdapterLimits {
  /** Email: the contact center's own domain; its senders are agents. @defaultValue 'kemenkeu.go.id' */
  staffDomain: string
  /** Email: the consultation inbox. @defaultValue 'callcenter.djpk@kemenkeu.go.id' */
  consultationInbox: string
  /** Email: the Email Lapor inbox. @defaultValue 'lapor.djpk@kemenkeu.go.id' */
  reportInbox: string
  /** HAI Kemenkeu: the unit whose tickets are ours. @defaultValue 'DJPK' */
  haiUnit: string
  /** Phone: CDR layout as `item:width` pairs, e.g. 'date:6 time:4 sec-dur:5 …'. @defaultValue the documented default */
  cdrLayout: string | null
  /** Phone: CDR date order. @defaultValue 'day/month' */
  cdrDateOrder: 'day/month' | 'month/day'
  /** XLSX: the worksheet to read, by name or 1-based tab index; null = the first visible tab. @defaultValue null */
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

export const DEFAULT_ADAPTER_OPTIONS: AdapterOptions = Object.freeze({
  staffDomain: 'kemenkeu.go.id',
  consultationInbox: 'callcenter.djpk@kemenkeu.go.id',
  reportInbox: 'lapor.djpk@kemenkeu.go.id',
  haiUnit: 'DJPK',
  cdrLayout: null,
  cdrDateOrder: 'day/month',
  xlsxSheet: null,
  ...DEFAULT_LIMITS,
})

/** The default window: from 2000-01-01 to one day after `now`. */
export function dateWindowAt(
  now: Date,
  earliest = new Date('2000-01-01T00:00:00Z'),
  futureDays = 1,
): DateWindow {
  return { earliest, latest: new Date(now.getTime() + futureDays * 86_400_000) }
}

/** A context with the default options, for the sample tally, tests and the fuzzer. */
export function defaultAdapterContext(
  fields: Pick<AdapterContext, 'fileName' | 'customerKey' | 'segmentMap'> & Partial<AdapterContext>,
): AdapterContext {
  return {
    options: DEFAULT_ADAPTER_OPTIONS,
    dateWindow: dateWindowAt(new Date()),
    note: () => undefined,
    ...fields,
  }
}
