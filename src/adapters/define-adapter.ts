import { Readable } from 'node:stream'
import type { AdapterOutput } from '../domain/adapter-output.js'
import { UnreadableFileError, coerceError } from '../errors.js'
import type { Adapter, AdapterContext } from './adapter.js'
import { implausibleDateOf } from './plausible-date.js'
import { CutShortError, NotARecordError, NotOfFormatError } from './reading-errors.js'
import { foreignFormatOf } from './formats/sniff-foreign-format.js'

/** One record as framed from the file, before it is understood. */
export interface SourceRecord<V> {
  /** 1-based (CSV row after the header, line, message, chat). */
  recordNumber: number
  /** The record's text, kept with a reject. */
  raw: string
  value: V
}

/** What one record becomes: usually one output; none when the text is not a record at all. */
type RecordOutputs = AdapterOutput | readonly AdapterOutput[] | null

/** Turns the records of one file into outputs; made per file, so it may keep per-file state. */
interface RecordConverter<V> {
  toOutputs(record: SourceRecord<V>): RecordOutputs | Promise<RecordOutputs>
  /** Outputs owed after the last record, for formats that merge records across the file. */
  finish?(): Iterable<AdapterOutput>
}

export interface AdapterDefinition<V> {
  /** The format's name in messages: `not a <format> file: …`. */
  format: string
  /** What one record is called in messages (`line`, `message`, `row`). @defaultValue 'record' */
  recordNoun?: string
  /**
   * Framing: the file's records, in order. Throws UnreadableFileError when the file as a whole
   * cannot be read (a missing required column), NotOfFormatError when it is another kind of file,
   * CutShortError when the file ends inside a record; any other error means reading stopped there.
   */
  records(input: Readable, ctx: AdapterContext): AsyncIterable<SourceRecord<V>>
  converter(ctx: AdapterContext): RecordConverter<V>
  /** Whether this file is expected to be a ZIP archive (an XLSX workbook), checked by its reader. */
  isZipFormat?(fileName: string): boolean
}

/** Bytes sniffed before the adapter sees the file: enough for magic numbers and a text check. */
const SNIFF_BYTES = 4096
/** Rejects of records not of the format held back while no record is; past this they go out. */
const MAX_HELD_REJECTS = 1000

/**
 * Composes an adapter from its framing and its per-record conversion, and owns what every
 * adapter must do alike:
 * - an empty file or one in another format (an image, a PDF, binary data) fails at once;
 * - a reader that stops early fails the file, saying after which record and byte it stopped
 *   (the outputs before it were already yielded);
 * - anything thrown while converting one record rejects that record, and the file goes on;
 * - a file none of whose records is a record of the format (each conversion threw
 *   NotARecordError) fails as `not a <format> file`; their rejects are held back meanwhile;
 * - a timestamp outside `ctx.dateWindow` rejects its record as an `implausible date`.
 * Nothing but UnreadableFileError leaves the adapter.
 */
export function defineAdapter<V>(definition: AdapterDefinition<V>): Adapter {
  return async function* (input: Readable, ctx: AdapterContext) {
    const counted = countBytes(input)
    const head = await counted.peek(SNIFF_BYTES)
    const refusal = refusalOf(head, definition, ctx.fileName)
    if (refusal) throw new UnreadableFileError(ctx.fileName, refusal)

    const converter = definition.converter(ctx)
    const recognition = new Recognition(definition)
    let lastRecord = 0
    const iterator = definition.records(counted.stream(), ctx)[Symbol.asyncIterator]()
    const stopped = (thrown: unknown) =>
      stoppedReading(thrown, definition.format, ctx.fileName, lastRecord, counted.bytesRead)
    for (;;) {
      let next: IteratorResult<SourceRecord<V>>
      try {
        next = await iterator.next()
      } catch (thrown) {
        throw stopped(thrown)
      }
      if (next.done) break
      const record = next.value
      lastRecord = record.recordNumber
      let converted = convertRecord(converter, record)
      if (converted instanceof Promise) converted = await converted
      for (const output of recognition.pass(converted, record.recordNumber)) {
        yield checkDates(output, record.raw, ctx)
      }
    }
    try {
      for (const output of converter.finish?.() ?? []) {
        for (const passed of recognition.pass({ outputs: [output], notARecord: null }, 0)) {
          yield checkDates(passed, undefined, ctx)
        }
      }
    } catch (thrown) {
      throw stopped(thrown)
    }
    const unrecognised = recognition.failure()
    if (unrecognised) throw new UnreadableFileError(ctx.fileName, unrecognised)
    yield* recognition.release()
  }
}

interface ConvertedRecord {
  outputs: readonly AdapterOutput[]
  /** Why the record is not one of the format (its conversion threw NotARecordError), else null. */
  notARecord: string | null
}

/**
 * Whether the file holds any record of the format. Until one is seen, the rejects of records
 * that are not are held back (up to MAX_HELD_REJECTS), so that a file of nothing else fails
 * without quarantining every line of it.
 */
class Recognition {
  private recognised = false
  private unrecognised = 0
  private first: { recordNumber: number; reason: string } | null = null
  private held: AdapterOutput[] = []

  constructor(private readonly definition: AdapterDefinition<unknown>) {}

  /** The outputs to yield now for one converted record (or an output of `finish`). */
  pass(converted: ConvertedRecord, recordNumber: number): readonly AdapterOutput[] {
    if (this.recognised) return converted.outputs
    if (converted.notARecord !== null) {
      this.unrecognised += 1
      this.first ??= { recordNumber, reason: converted.notARecord }
      this.held.push(...converted.outputs)
      return this.held.length >= MAX_HELD_REJECTS ? this.release() : []
    }
    if (converted.outputs.length === 0) return []
    this.recognised = true
    return [...this.release(), ...converted.outputs]
  }

  /** At the end: the file's failure when it held records, none of them of the format. */
  failure(): string | null {
    if (this.recognised || !this.first) return null
    const { format, recordNoun = 'record' } = this.definition
    const count =
      this.unrecognised === 1 ? `its one ${recordNoun}` : `its ${this.unrecognised} ${recordNoun}s`
    return (
      `${notA(format)}: none of ${count} is ${withArticle(format)} record ` +
      `(${recordNoun} ${this.first.recordNumber}: ${this.first.reason})`
    )
  }

  release(): AdapterOutput[] {
    const held = this.held
    this.held = []
    return held
  }
}

function refusalOf(
  head: Buffer,
  definition: AdapterDefinition<unknown>,
  fileName: string,
): string | null {
  if (head.length === 0) return 'empty file'
  if (
    head.length < SNIFF_BYTES &&
    head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim() === ''
  ) {
    return 'empty file'
  }
  // A ZIP-based format's reader checks the archive itself and says what it found instead.
  if (definition.isZipFormat?.(fileName)) return null
  const foreign = foreignFormatOf(head)
  return foreign ? `${notA(definition.format)}: ${foreign}` : null
}

/**
 * The record's outputs, or its reject when converting it threw. A converter that answers at once
 * is not awaited: a turn of the microtask queue per record is measurable.
 */
function convertRecord<V>(
  converter: RecordConverter<V>,
  record: SourceRecord<V>,
): ConvertedRecord | Promise<ConvertedRecord> {
  try {
    const outputs = converter.toOutputs(record)
    return isPromiseLike(outputs)
      ? Promise.resolve(outputs).then(convertedOf, (thrown: unknown) =>
          conversionFailed(record, thrown),
        )
      : convertedOf(outputs)
  } catch (thrown) {
    return conversionFailed(record, thrown)
  }
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}

function convertedOf(outputs: RecordOutputs): ConvertedRecord {
  if (outputs === null) return { outputs: [], notARecord: null }
  return { outputs: isOutputList(outputs) ? outputs : [outputs], notARecord: null }
}

function conversionFailed(record: SourceRecord<unknown>, thrown: unknown): ConvertedRecord {
  const error = coerceError(thrown)
  const reason = error.message || error.name
  const reject: AdapterOutput = {
    kind: 'reject',
    recordNumber: record.recordNumber,
    reason,
    raw: record.raw,
  }
  return { outputs: [reject], notARecord: error instanceof NotARecordError ? reason : null }
}

function isOutputList(
  outputs: AdapterOutput | readonly AdapterOutput[],
): outputs is readonly AdapterOutput[] {
  return Array.isArray(outputs)
}

function checkDates(
  output: AdapterOutput,
  raw: string | undefined,
  ctx: AdapterContext,
): AdapterOutput {
  const problem = implausibleDateOf(output, ctx.dateWindow)
  if (!problem) return output
  const rawText = raw ?? (output.kind === 'ticket' ? JSON.stringify(output.event.raw) : '')
  return { kind: 'reject', recordNumber: output.recordNumber, reason: problem, raw: rawText }
}

/** A reader error: the file failed where reading stopped; before any record, it is not the format. */
function stoppedReading(
  thrown: unknown,
  format: string,
  fileName: string,
  lastRecord: number,
  bytesRead: number,
): UnreadableFileError {
  if (thrown instanceof UnreadableFileError) return thrown
  const error = coerceError(thrown)
  const reason = error.message || error.name
  if (error instanceof NotOfFormatError) {
    return new UnreadableFileError(fileName, `${notA(format)}: ${reason}`, { cause: error })
  }
  if (error instanceof CutShortError) {
    const where = `reading stopped in record ${error.recordNumber} (byte ${bytesRead}, the end of the file)`
    return new UnreadableFileError(fileName, `${where}: ${reason}`, { cause: error })
  }
  const where =
    lastRecord === 0
      ? `${notA(format)}: reading stopped before the first record (byte ${bytesRead})`
      : `reading stopped after record ${lastRecord} (byte ${bytesRead})`
  return new UnreadableFileError(fileName, `${where}: ${reason}`, { cause: error })
}

function notA(format: string): string {
  return `not ${withArticle(format)} file`
}

function withArticle(format: string): string {
  return `${/^[aeiou]/i.test(format) ? 'an' : 'a'} ${format}`
}

/**
 * The input again, counting the bytes the reader has taken (how far reading got when it stopped),
 * with its first bytes available to sniff. No buffering beyond the chunk in hand: a reader that
 * stops early must not have pulled the file ahead.
 */
function countBytes(input: Readable) {
  const iterator: AsyncIterator<Buffer | string> = input[Symbol.asyncIterator]()
  const held: Buffer[] = []
  const counter = { bytesRead: 0 }
  const nextChunk = async (): Promise<Buffer | null> => {
    const next = await iterator.next()
    if (next.done) return null
    return typeof next.value === 'string' ? Buffer.from(next.value) : next.value
  }
  async function* replay(): AsyncGenerator<Buffer> {
    for (let chunk = held.shift() ?? (await nextChunk()); chunk;) {
      counter.bytesRead += chunk.length
      yield chunk
      chunk = held.shift() ?? (await nextChunk())
    }
  }
  return {
    get bytesRead() {
      return counter.bytesRead
    },
    /** The whole input, sniffed bytes included; call once, after peek(). */
    stream: () => Readable.from(replay(), { objectMode: false, highWaterMark: 1 }),
    /** At least the first `bytes` bytes (fewer only at the end of the input). */
    async peek(bytes: number): Promise<Buffer> {
      let size = 0
      while (size < bytes) {
        const chunk = await nextChunk()
        if (!chunk) break
        held.push(chunk)
        size += chunk.length
      }
      return Buffer.concat(held)
    },
  }
}
