import { InvalidArgumentError } from 'commander'
import { QUEUE_NAMES, type QueueName } from '../queue/catalog.js'

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const

/** `--since 2h`: a number and a unit (s, m, h, d, w), read as "that long ago". */
export function parseSince(value: string): Date {
  return new Date(Date.now() - parseDuration(value))
}

/** `30m`, `2h`, `7d`: a number and a unit (s, m, h, d, w), in milliseconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+)\s*([smhdw])$/i.exec(value.trim())
  if (!match) throw new InvalidArgumentError('expected a duration such as 30m, 2h or 7d')
  const unit = match[2]!.toLowerCase() as keyof typeof UNIT_MS
  return Number(match[1]) * UNIT_MS[unit]
}

export function parseQueue(value: string): QueueName {
  if (!(QUEUE_NAMES as string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${QUEUE_NAMES.join(', ')}`)
  }
  return value as QueueName
}
