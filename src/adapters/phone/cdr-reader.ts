import type { AdapterOutput } from '../../domain/adapter-output.js'
import type { AdapterContext } from '../adapter.js'
import { firstLineReach, readCdrItems, type CdrLayout } from './cdr-layout.js'
import {
  findRecordStart,
  readDateRecord,
  someAnchorFits,
  startsRecord,
  yearOfDateRecord,
  type CdrDay,
} from './cdr-line.js'
import { cdrRecordOutput } from './cdr-record.js'
import { CutShortError, NotARecordError } from '../reading-errors.js'

/** Reads a CDR file line by line; keeps the date records' day and a record's earlier lines. */
export interface CdrReader {
  /**
   * The output of a line, or null for a line that is no record (or not its last line). Throws
   * NotARecordError for a line the layout does not fit at all.
   */
  line(line: string, lineNumber: number): AdapterOutput | null
  /** At the end of the file: throws CutShortError when a record's last lines never came. */
  end(): void
}

/**
 * Lines that are no record at all are skipped: blank, NUL padding, date records
 * (fixtures/phone/padding-and-date-records.cdr). A line that begins a record is never a date
 * record, even when a cut leaves it ending in four digits (fixtures/phone/cut-record-like-date.cdr). A record is cut from its start, after any
 * collector prefix, so trailing blanks never shift a field (fixtures/phone/trailing-blanks.cdr).
 * A layout with a line break inside the record (int-isdn) joins that many lines into one.
 */
export function createCdrReader(layout: CdrLayout, ctx: AdapterContext): CdrReader {
  const hasDateItem = layout.items.some((item) => item.name === 'date')
  const firstLineEnd = firstLineReach(layout)
  let day: CdrDay | null = null
  let pending: { parts: string[]; lineNumber: number } | null = null

  const record = (text: string, recordNumber: number): AdapterOutput => {
    let start = findRecordStart(text, layout, layout.dataEnd)
    if (start === null) {
      if (text.length < layout.dataEnd) {
        // A record cut short still begins like one: a bad record, not a stray line.
        const reason = `line shorter than the CDR layout (${text.length} of ${layout.dataEnd} characters)`
        if (!startsRecord(text, layout)) throw new NotARecordError(reason)
        return { kind: 'reject', recordNumber, reason, raw: text }
      }
      // No offset fits: read it where the record would end the line, to say what is wrong.
      start = text.length - layout.dataEnd
      const items = readCdrItems(text.slice(start), layout)
      const output = cdrRecordOutput(items, recordNumber, text, layout, ctx, dayOfRecord())
      // A record with a bad date, time or duration still has some of them in place.
      if (output.kind === 'reject' && !someAnchorFits(text, start, layout)) {
        throw new NotARecordError(`${output.reason}; the CDR layout fits nowhere on the line`)
      }
      return output
    }
    const items = readCdrItems(text.slice(start), layout)
    return cdrRecordOutput(items, recordNumber, text, layout, ctx, dayOfRecord())
  }
  const dayOfRecord = () => (hasDateItem ? undefined : day)

  return {
    line(line, lineNumber) {
      // Trailing NULs are padding after the record, not part of it.
      const text = line.replace(/\0+$/, '')
      if (pending) {
        pending.parts.push(text)
        if (pending.parts.length <= layout.breaks.length) return null
        const { parts, lineNumber: first } = pending
        pending = null
        return record(
          parts.reduce((joined, part, n) => joined + layout.breaks[n - 1]! + part),
          first,
        )
      }
      const bare = line.replace(/[\0\uFEFF]/g, '').trim()
      if (bare === '') return null
      if (bare.length < firstLineEnd && !startsRecord(text, layout)) {
        const date = readDateRecord(bare)
        if (date) {
          day = yearOfDateRecord(date.month, date.day, ctx.dateWindow.latest)
          return null
        }
      }
      if (layout.breaks.length > 0 && findRecordStart(text, layout, firstLineEnd) !== null) {
        pending = { parts: [text], lineNumber }
        return null
      }
      return record(text, lineNumber)
    },
    end() {
      if (!pending) return
      const { parts, lineNumber } = pending
      pending = null
      throw new CutShortError(
        lineNumber,
        `record cut short by the end of the file (${parts.length} of ${layout.breaks.length + 1} lines)`,
      )
    },
  }
}
