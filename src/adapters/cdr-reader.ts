import type { AdapterOutput } from '../domain/adapter-output.js'
import type { AdapterContext } from './adapter.js'
import { firstLineReach, readCdrItems, type CdrLayout } from './cdr-layout.js'
import { findRecordStart, readDateRecord, yearOfDateRecord, type CdrDay } from './cdr-line.js'
import { cdrRecordOutput } from './cdr-record.js'

/** Reads a CDR file line by line; keeps the date records' day and a record's earlier lines. */
export interface CdrReader {
  /** The output of a line, or null for a line that is not a record (or not its last line). */
  line(line: string, lineNumber: number): AdapterOutput | null
  /** At the end of the file: a reject for a record whose last lines never came. */
  end(): AdapterOutput | null
}

/**
 * Lines that are no record at all are skipped: blank, NUL padding, date records
 * (fixtures/phone/padding-and-date-records.cdr). A record is cut from its start, after any
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
        return {
          kind: 'reject',
          recordNumber,
          reason: `line shorter than the CDR layout (${text.length} of ${layout.dataEnd} characters)`,
          raw: text,
        }
      }
      // No offset fits: read it where the record would end the line, to say what is wrong.
      start = text.length - layout.dataEnd
    }
    const items = readCdrItems(text.slice(start), layout)
    return cdrRecordOutput(items, recordNumber, text, layout, ctx, hasDateItem ? undefined : day)
  }

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
      if (bare.length < firstLineEnd) {
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
      if (!pending) return null
      const { parts, lineNumber } = pending
      pending = null
      return {
        kind: 'reject',
        recordNumber: lineNumber,
        reason: `record cut short by the end of the file (${parts.length} of ${layout.breaks.length + 1} lines)`,
        raw: parts.join('\n'),
      }
    },
  }
}
