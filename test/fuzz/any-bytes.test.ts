import fc from 'fast-check'
import { describe, it } from 'vitest'
import { FUZZ_FORMATS } from './fuzz-formats.js'
import { anyBytesProperty } from './any-bytes-property.js'

/** A small budget for every `npm test`; `npm run fuzz` runs the same property at scale. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25)

describe.each(FUZZ_FORMATS)(
  'the $name adapter on arbitrary bytes',
  (format) => {
    it('lets nothing but UnreadableFileError escape parse', async () => {
      await fc.assert(anyBytesProperty(format), { numRuns: RUNS })
    })
  },
  120_000,
)
