import { describe, expect, it } from 'vitest'
import { decimalsOf, percentChange, percentOf } from '../../src/report/percent.js'

describe('percentOf', () => {
  it('rounds to two decimals as the report prints shares', () => {
    expect(percentOf(844, 1174)).toBe(71.89)
    expect(percentOf(8348, 11093)).toBe(75.25)
    expect(percentOf(8782, 11786)).toBe(74.51)
  })

  it('rounds an exact half away from zero, on the ratio rather than a binary fraction', () => {
    expect(percentOf(1, 32)).toBe(3.13)
    expect(percentOf(201, 20_000)).toBe(1.01) // 1.005: a float product would give 1.00
  })

  it('is null without a base', () => {
    expect(percentOf(3, 0)).toBeNull()
    expect(percentOf(0, null)).toBeNull()
  })

  it('rounds to the decimals asked for', () => {
    expect(percentOf(844, 1174, 1)).toBe(71.9)
    expect(percentOf(42, 1174, 1)).toBe(3.6)
  })
})

describe('percentChange', () => {
  it('gives the changes printed in the 2021 report', () => {
    expect(percentChange(1174, 914)).toBe(28.45)
    expect(percentChange(1174, 618)).toBe(89.97)
    expect(percentChange(844, 675)).toBe(25.04)
    expect(percentChange(124, 86)).toBe(44.19)
    expect(percentChange(42, 22)).toBe(90.91)
    expect(percentChange(42, 22, 1)).toBe(90.9)
    expect(percentChange(12, 14)).toBe(-14.29)
    expect(percentChange(12, 14, 1)).toBe(-14.3)
    expect(percentChange(11786, 11093)).toBe(6.25)
  })

  it('rounds a negative half away from zero and never yields -0', () => {
    expect(percentChange(31, 32)).toBe(-3.13)
    expect(Object.is(percentChange(20_000, 20_001, 2), 0)).toBe(true)
  })

  it('is null when the base is 0 or missing', () => {
    expect(percentChange(5, 0)).toBeNull()
    expect(percentChange(5, null)).toBeNull()
    expect(percentChange(0, 7)).toBe(-100)
  })
})

describe('decimalsOf', () => {
  it('counts the decimals a figure was printed with', () => {
    expect(decimalsOf(28.45)).toBe(2)
    expect(decimalsOf(90.9)).toBe(1)
    expect(decimalsOf(-14.3)).toBe(1)
    expect(decimalsOf(1174)).toBe(0)
  })
})
