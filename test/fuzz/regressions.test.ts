import { StringDecoder } from 'node:string_decoder'
import { describe, expect, it } from 'vitest'
import { assertAccounted, runFuzzed } from './fuzz-adapter.js'
import { FUZZ_FORMATS } from './fuzz-formats.js'

const format = (name: string) => FUZZ_FORMATS.find((candidate) => candidate.name === name)!

/** Counterexamples fast-check shrank, kept so that they are checked on every run. */
describe('fuzz counterexamples', () => {
  it('avaya cdr, damaged (seed 550185302): a record cut to end in "0701 1504" is one record', async () => {
    const cdr = format('avaya cdr')
    const record = (time: string) =>
      `000000 ${time}     0 9           0701 150420             000000000000    71001 012 00000000000000000000`
    // Four records, the first byte replaced by a NUL, the file cut inside the fourth record.
    const text = `\0${record('0100').slice(1)}\n${record('0000')}\n${record('0000')}\n${record('0000').slice(0, 39)}`
    const bytes = Buffer.from(text)
    const outputs = await runFuzzed(cdr, bytes, 61)
    expect(outputs).not.toBeNull()
    expect(cdr.countRecords!(new StringDecoder('utf8').write(bytes))).toBe(4)
    assertAccounted(cdr, outputs!, 4)
  })
})
