import { InvalidArgumentError } from 'commander'
import { durationSeconds } from '../duration.js'
import { QUEUE_NAMES, type QueueName } from '../queue/catalog.js'

/** `--since 2h`: a number and a unit (s, m, h, d, w), read as "that long ago". */
export function parseSince(value: string): Date {
  return new Date(Date.now() - parseDuration(value))
}

/** `30m`, `2h`, `7 D`: a settings duration, leniently spaced and cased, in milliseconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+)\s*([smhdw])$/i.exec(value.trim())
  if (!match) throw new InvalidArgumentError('expected a duration such as 30m, 2h or 7d')
  return durationSeconds(`${match[1]}${match[2]!.toLowerCase()}`) * 1000
}

export function parseQueue(value: string): QueueName {
  if (!(QUEUE_NAMES as string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${QUEUE_NAMES.join(', ')}`)
  }
  return value as QueueName
}
