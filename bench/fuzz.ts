import { parseArgs } from 'node:util'
import fc from 'fast-check'
import { mutatedProperty, wellFormedProperty } from '../test/fuzz/fuzz-adapter.js'
import { FUZZ_FORMATS } from '../test/fuzz/fuzz-formats.js'
import { anyBytesProperty } from '../test/fuzz/any-bytes-property.js'

/**
 * `npm run fuzz`: the adapter properties of test/fuzz at scale, until each adapter has read at
 * least --records generated records (half in well-formed files, half in damaged ones).
 */
const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    seed: { type: 'string' },
    only: { type: 'string' },
  },
})
const target = Number(values.records)
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed)
process.stdout.write(`seed ${seed} (rerun with --seed ${seed})\n`)
let failed = false

/** Runs a property in rounds of 100 until it has seen `target / 2` records; false on a failure. */
async function runProperty<Ts extends unknown[]>(
  label: string,
  property: (tally: { records: number }) => fc.IAsyncPropertyWithHooks<Ts>,
): Promise<boolean> {
  const tally = { records: 0 }
  for (let round = 0; tally.records < target / 2; round += 1) {
    const result = await fc.check(property(tally), { numRuns: 100, seed: seed + round })
    if (result.failed) {
      process.stdout.write(`${label}: FAILED\n${fc.defaultReportMessage(result) ?? ''}\n`)
      return false
    }
  }
  process.stdout.write(`${label}: ${tally.records.toLocaleString('en-US')} records\n`)
  return true
}

for (const format of FUZZ_FORMATS.filter((f) => !values.only || f.name.includes(values.only))) {
  const started = performance.now()
  const wellFormed = await runProperty(`${format.name}, well-formed`, (tally) =>
    wellFormedProperty(format, 200, tally),
  )
  const damaged = await runProperty(`${format.name}, damaged`, (tally) =>
    mutatedProperty(format, 200, tally),
  )
  const anyBytes = await runProperty(`${format.name}, arbitrary bytes`, (tally) =>
    anyBytesProperty(format, tally),
  )
  failed ||= !wellFormed || !damaged || !anyBytes
  process.stdout.write(`${format.name}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
}
process.exitCode = failed ? 1 : 0
