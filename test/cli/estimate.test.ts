import { describe, expect, it } from 'vitest'
import { estimate } from '../../src/cli/wait-with-progress.js'

/** The progress bar's time left: shown only once there is enough to estimate from. */
describe('estimate', () => {
  const started = 0
  it('says nothing early on, or while nothing moves (no worker)', () => {
    expect(estimate(started, 10, 1000, 2_000)).toBe('estimating…') // 1% after 2 s
    expect(estimate(started, 200, 1000, 2_000)).toBe('estimating…') // 20%, but only 2 s
    expect(estimate(started, 0, 1000, 600_000)).toBe('estimating…') // 10 minutes, nothing done
  })

  it('extrapolates once 5% is done and 5 s have passed', () => {
    expect(estimate(started, 100, 1000, 10_000)).toBe('about 1m30s left')
    expect(estimate(started, 500, 1000, 20_000)).toBe('about 20s left')
    expect(estimate(started, 1000, 1000, 20_000)).toBe('done')
  })
})
