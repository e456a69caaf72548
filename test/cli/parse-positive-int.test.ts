import { describe, expect, it } from 'vitest'
import { parsePositiveInt } from '../../src/cli/parse-options.js'

describe('parsePositiveInt', () => {
  it('takes decimal digits only', () => {
    expect(parsePositiveInt('1')).toBe(1)
    expect(parsePositiveInt('0050')).toBe(50)
  })

  it.each(['0', '-1', 'abc', '1.5', '0x10', '1e3', ' 5', '5 ', '', '99999999999999999999'])(
    'refuses %j',
    (value) => {
      expect(() => parsePositiveInt(value)).toThrow('expected a positive whole number')
    },
  )
})
