import { describe, expect, it } from 'vitest'
import { boundedMemo } from '../../src/domain/bounded-memo.js'

describe('boundedMemo', () => {
  it('computes each input once, null answers too, and starts over when full', () => {
    const asked: string[] = []
    const memo = boundedMemo(2, (input) => {
      asked.push(input)
      return input === 'none' ? null : input.length
    })
    expect([memo('ab'), memo('none'), memo('ab'), memo('none')]).toEqual([2, null, 2, null])
    expect(asked).toEqual(['ab', 'none'])
    expect(memo('abc')).toBe(3) // the third input empties what was kept
    expect(memo('ab')).toBe(2)
    expect(asked).toEqual(['ab', 'none', 'abc', 'ab'])
  })
})
