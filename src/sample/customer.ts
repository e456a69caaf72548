import type { Segment } from '../domain/segment.js'
import { FAMILY_NAMES, GIVEN_NAMES, listOf } from './names.js'
import type { Prng } from './prng.js'
import {
  MINISTRY_DOMAINS,
  OTHER_ORGANIZATION_DOMAINS,
  PUBLIC_MAIL_DOMAINS,
  REGIONAL_OFFICES,
  REGIONS,
  UNIVERSITY_DOMAINS,
  type Region,
} from './regions.js'

/** A made-up person who contacts DJPK. */
export interface Customer {
  name: string
  /** Local form, `08…`. */
  phone: string
  email: string
  segment: Segment
  /** The region asked about: the customer's own for local government staff. */
  region: Region
}

const SEGMENT_WEIGHTS: readonly (readonly [Segment, number])[] = [
  ['pemda', 60],
  ['kementerian_lembaga', 10],
  ['mahasiswa', 12],
  ['lainnya', 18],
]
const MOBILE_PREFIXES = listOf(
  '11, 12, 13, 21, 22, 23, 52, 53, 14, 15, 16, 56, 57, 58, 77, 78, 59, 81, 82, 85, 87, 95, 96',
)

function createCustomer(prng: Prng): Customer {
  const given = prng.pick(GIVEN_NAMES)
  const family = prng.pick(FAMILY_NAMES)
  const segment = prng.weighted(SEGMENT_WEIGHTS)
  const region = prng.pick(REGIONS)
  const phone = `08${prng.pick(MOBILE_PREFIXES)}${digits(prng, prng.int(7, 8))}`
  return {
    name: prng.chance(0.3) ? given : `${given} ${family}`,
    phone,
    email: `${mailbox(prng, given, family, segment)}@${mailDomain(prng, segment, region)}`,
    segment,
    region,
  }
}

/** A fixed set of customers per channel, so that some people come back month after month. */
export function createCustomerPool(prng: Prng, size: number): readonly Customer[] {
  return Array.from({ length: size }, () => createCustomer(prng))
}

/** The same number as exports write it: `0812…`, `+62 812-3456-7890` or `62812…`. */
export function formatPhone(prng: Prng, phone: string): string {
  const national = phone.slice(1)
  return prng.weighted([
    [phone, 5],
    [`62${national}`, 3],
    [`+62 ${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`, 2],
  ])
}

export function digits(prng: Prng, length: number): string {
  return Array.from({ length }, () => String(prng.int(0, 9))).join('')
}

function mailbox(prng: Prng, given: string, family: string, segment: Segment): string {
  const first = given.toLowerCase().replace(/[^a-z]/g, '')
  const last = family.toLowerCase().replace(/[^a-z]/g, '')
  if (segment === 'mahasiswa') return `${first}${last}${prng.int(15, 21)}${digits(prng, 3)}`
  if (segment === 'lainnya') return `${first}.${last}${prng.int(1, 99)}`
  return prng.chance(0.7) ? `${first}.${last}` : `${first}${last}${prng.int(1, 9)}`
}

function mailDomain(prng: Prng, segment: Segment, region: Region): string {
  switch (segment) {
    case 'pemda':
      // Many regional officers write from a personal Gmail: their mail then says `lainnya`.
      if (prng.chance(0.25)) return 'gmail.com'
      return prng.chance(0.7) ? `${prng.pick(REGIONAL_OFFICES)}.${region.domain}` : region.domain
    case 'kementerian_lembaga':
      return prng.pick(MINISTRY_DOMAINS)
    case 'mahasiswa':
      return prng.chance(0.7) ? prng.pick(UNIVERSITY_DOMAINS) : 'gmail.com'
    case 'lainnya':
      return prng.chance(0.85)
        ? prng.pick(PUBLIC_MAIL_DOMAINS)
        : prng.pick(OTHER_ORGANIZATION_DOMAINS)
  }
}
