import { InvalidArgumentError } from 'commander'
import { isChannel, CHANNELS, type Channel } from '../domain/channel.js'
import { isWibMonth } from '../domain/wib-month.js'

export function parsePositiveInt(value: string): number {
  const n = /^[0-9]+$/.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new InvalidArgumentError('expected a positive whole number')
  }
  return n
}

export function parseChannel(value: string): Channel {
  if (!isChannel(value)) throw new InvalidArgumentError(`expected one of ${CHANNELS.join(', ')}`)
  return value
}

export function parseMonth(value: string): string {
  if (!isWibMonth(value)) throw new InvalidArgumentError('expected YYYY-MM, e.g. 2021-12')
  return value
}
