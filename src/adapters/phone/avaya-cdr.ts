import type { Readable } from 'node:stream'
import { coerceError, UnreadableFileError } from '../../errors.js'
import type { AdapterContext } from '../adapter.js'
import { boundedLines, oversizedReason, type BoundedLine } from '../formats/bounded-lines.js'
import { parseCdrLayout, type CdrLayout } from './cdr-layout.js'
import { createCdrReader } from './cdr-reader.js'
import { defineAdapter, type SourceRecord } from '../define-adapter.js'

/**
 * Communication Manager CDR records, fixed width, one per line (formats/phone.md, A). Streams
 * line by line, one output per record line, so memory stays flat however large the file.
 * The record number is the line number, lines that are not records included.
 */
export const parseAvayaCdr = defineAdapter<BoundedLine>({
  format: 'Avaya CDR',
  recordNoun: 'line',
  records: cdrLines,
  converter: (ctx) => {
    const reader = createCdrReader(layoutOf(ctx), ctx)
    return {
      toOutputs: ({ value, recordNumber }) => {
        if (value.oversized) {
          throw new Error(oversizedReason(value.oversized, ctx.options.maxRecordBytes))
        }
        return reader.line(value.text, recordNumber)
      },
      finish: () => {
        reader.end()
        return []
      },
    }
  },
})

async function* cdrLines(
  input: Readable,
  ctx: AdapterContext,
): AsyncGenerator<SourceRecord<BoundedLine>> {
  for await (const line of boundedLines(input, ctx.options.maxRecordBytes)) {
    yield { recordNumber: line.lineNumber, raw: line.text, value: line }
  }
}

/** A layout the records cannot be read with fails the file: fix the setting, then replay. */
function layoutOf(ctx: AdapterContext): CdrLayout {
  try {
    return parseCdrLayout(ctx.options.cdrLayout)
  } catch (thrown) {
    const error = coerceError(thrown)
    throw new UnreadableFileError(ctx.fileName, `CDR_LAYOUT: ${error.message}`, { cause: error })
  }
}
