import type { Readable } from 'node:stream'
import { createInterface } from 'node:readline'
import { coerceError, UnreadableFileError } from '../errors.js'
import type { AdapterContext } from './adapter.js'
import { parseCdrLayout, type CdrLayout } from './cdr-layout.js'
import { createCdrReader } from './cdr-reader.js'
import { defineAdapter, type SourceRecord } from './define-adapter.js'

/**
 * Communication Manager CDR records, fixed width, one per line (formats/phone.md, A). Streams
 * line by line, one output per record line, so memory stays flat however large the file.
 * The record number is the line number, lines that are not records included.
 */
export const parseAvayaCdr = defineAdapter<string>({
  format: 'Avaya CDR',
  records: cdrLines,
  converter: (ctx) => {
    const reader = createCdrReader(layoutOf(ctx), ctx)
    return {
      toOutputs: ({ value, recordNumber }) => reader.line(value, recordNumber),
      finish: () => {
        const unfinished = reader.end()
        return unfinished ? [unfinished] : []
      },
    }
  },
})

async function* cdrLines(input: Readable): AsyncGenerator<SourceRecord<string>> {
  // readline pauses the input while lines wait to be consumed; CR LF counts as one break.
  const lines = createInterface({ input, crlfDelay: Infinity })
  let lineNumber = 0
  for await (const line of lines) {
    lineNumber += 1
    yield { recordNumber: lineNumber, raw: line, value: line }
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
