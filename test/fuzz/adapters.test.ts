import fc from 'fast-check'
import { describe, it } from 'vitest'
import { FUZZ_FORMATS } from './fuzz-formats.js'
import { mutatedProperty, wellFormedProperty } from './fuzz-adapter.js'

/** A small budget for every `npm test`; `npm run fuzz` runs the same properties at scale. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25)

describe.each(FUZZ_FORMATS)(
  'fuzzing the $name adapter',
  (format) => {
    it('accounts for every record of a well-formed file', async () => {
      await fc.assert(wellFormedProperty(format, 20), { numRuns: RUNS })
    })

    it('never throws (but for an unreadable file), never hangs, and numbers each output once on damaged input', async () => {
      await fc.assert(mutatedProperty(format, 20), { numRuns: RUNS })
    })
  },
  120_000,
)
