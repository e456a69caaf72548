import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isWibMonth, nextMonth, toWibMonth, wibMonthStart } from '../../src/domain/wib-month.js'

const at = (iso: string) => new Date(iso)

describe('toWibMonth', () => {
  it.each([
    ['2021-11-30T16:59:59.999Z', '2021-11'],
    ['2021-11-30T17:00:00Z', '2021-12'],
    ['2021-11-30T20:00:00Z', '2021-12'],
    ['2021-12-31T16:59:59Z', '2021-12'],
    ['2021-12-31T17:00:00Z', '2022-01'],
    ['2021-02-28T17:00:00Z', '2021-03'],
    ['2020-02-29T16:59:59Z', '2020-02'],
    ['2021-01-01T00:00:00Z', '2021-01'],
  ])('%s → %s', (instant, month) => {
    expect(toWibMonth(at(instant))).toBe(month)
  })
})

describe('wibMonthStart', () => {
  it.each([
    ['2021-12', '2021-11-30T17:00:00.000Z'],
    ['2022-01', '2021-12-31T17:00:00.000Z'],
    ['2021-03', '2021-02-28T17:00:00.000Z'],
    ['2020-03', '2020-02-29T17:00:00.000Z'],
  ])('%s starts at %s', (month, instant) => {
    expect(wibMonthStart(month).toISOString()).toBe(instant)
  })

  it.each(['2021-13', '2021-00', '2021-1', '21-01', '2021/01', 'Desember', ''])(
    'refuses %j',
    (month) => {
      expect(() => wibMonthStart(month)).toThrow(RangeError)
    },
  )
})

describe('nextMonth', () => {
  it.each([
    ['2021-01', '2021-02'],
    ['2021-11', '2021-12'],
    ['2021-12', '2022-01'],
    ['1999-12', '2000-01'],
  ])('%s → %s', (month, next) => {
    expect(nextMonth(month)).toBe(next)
  })

  it('refuses a malformed month', () => {
    expect(() => nextMonth('2021-13')).toThrow(RangeError)
  })
})

describe('isWibMonth', () => {
  it('accepts YYYY-MM with a month from 01 to 12 only', () => {
    expect(['2021-01', '2021-12'].map(isWibMonth)).toEqual([true, true])
    expect(['2021-00', '2021-13', '2021-1', '2021-12-01', ' 2021-12'].map(isWibMonth)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ])
  })
})

it('places every instant in [start of its WIB month, start of the next month)', () => {
  const instant = fc.date({
    min: at('1990-01-01T00:00:00Z'),
    max: at('2100-12-31T23:59:59Z'),
    noInvalidDate: true,
  })
  fc.assert(
    fc.property(instant, (t) => {
      const month = toWibMonth(t)
      expect(wibMonthStart(month).getTime()).toBeLessThanOrEqual(t.getTime())
      expect(wibMonthStart(nextMonth(month)).getTime()).toBeGreaterThan(t.getTime())
    }),
  )
})
