import fc from 'fast-check'
import type { FuzzFormat } from './fuzz-formats.js'
import { runFuzzed } from './fuzz-adapter.js'

/** Bytes no export format promises anything about: binary, text, or text with binary in it. */
const anyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ unit: 'binary', maxLength: 2000 }).map((text) => Buffer.from(text)),
  fc
    .tuple(fc.string({ maxLength: 500 }), fc.uint8Array({ maxLength: 64 }))
    .map(([text, bytes]) => Buffer.concat([Buffer.from(text), Buffer.from(bytes)])),
)

/** Arbitrary bytes: nothing but UnreadableFileError leaves parse, and outputs are numbered records. */
export function anyBytesProperty(format: FuzzFormat, tally = { records: 0 }) {
  return fc.asyncProperty(anyBytes, fc.integer({ min: 1, max: 4096 }), async (bytes, chunkSize) => {
    // runFuzzed turns an UnreadableFileError into null and rethrows anything else.
    const outputs = await runFuzzed(format, bytes, chunkSize)
    tally.records += outputs?.length ?? 1
    for (const output of outputs ?? []) {
      if (!Number.isSafeInteger(output.recordNumber) || output.recordNumber < 1) {
        throw new Error(`${format.name}: bad record number ${output.recordNumber}`)
      }
    }
  })
}
