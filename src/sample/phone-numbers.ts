import { digits } from './customer.js'
import { listOf } from './names.js'
import type { Prng } from './prng.js'

const AREA_CODES = listOf('021, 0274, 024, 031, 061, 0411, 022, 0361, 0511, 0751')

/** A caller's number as the switch receives it: mobile or fixed line, `0`/`62` prefix or none. */
export function callingNumber(prng: Prng, mobile: string): string {
  if (prng.chance(0.25)) return `${prng.pick(AREA_CODES)}${digits(prng, 7)}`
  return prng.weighted([
    [mobile, 6],
    [`62${mobile.slice(1)}`, 3],
    [mobile.slice(1), 1],
  ])
}

/**
 * A Universal Call ID as CMS and CDR print it: node, sequence and the call's start time in Unix
 * seconds, 20 digits.
 */
export function createUcidMaker(prng: Prng): (startAt: Date) => string {
  let sequence = prng.int(1000, 60000)
  return (startAt) => {
    sequence = (sequence + 1) % 100000
    const seconds = Math.floor(startAt.getTime() / 1000)
    return `00001${String(sequence).padStart(5, '0')}${seconds}`
  }
}
