import type { SkipReason } from '../domain/skip-reason.js'
import { addMinutes, daysInMonth, MINUTE_MS, pickContactTime, wibTime } from './clock.js'
import type { CdrRecord } from './cdr-record.js'
import type { Customer } from './customer.js'
import { AGENT_LOGINS } from './names.js'
import { callingNumber } from './phone-numbers.js'
import type { Prng } from './prng.js'

/** A month of CDR records; `spill` ended after midnight into the next month's file. */
export interface CdrMonth {
  records: CdrRecord[]
  spill: CdrRecord[]
  tickets: number
  skipped: Partial<Record<SkipReason, number>>
}

const INCOMING = { codeDial: '', codeUsed: '', dialed: '150420' } as const

/**
 * The switch's records of one month: `answered` calls with condition code 9 (a few split over
 * two records sharing a UCID, a few without UCID, one with the 99999 duration of a clock
 * change), abandoned calls (H, I), and records a correct adapter skips: outgoing calls (A, 7),
 * interim records (4) and calls between agents (0). Unless `last`, one answered call starts
 * before midnight on the month's last day and ends in the next month.
 */
export function createCdrMonth(
  prng: Prng,
  month: string,
  answered: number,
  pickCustomer: () => Customer,
  nextUcid: (startAt: Date) => string,
  last: boolean,
): CdrMonth {
  const records: CdrRecord[] = []
  const spill: CdrRecord[] = []
  const skipped: Partial<Record<SkipReason, number>> = {}
  const skip = (reason: SkipReason, record: CdrRecord) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1
    records.push(record)
  }
  const incoming = (
    startAt: Date,
    duration: number,
    condition: string,
    calling: string,
    ucid: string,
    vdn = '71001',
  ) => ({
    ...INCOMING,
    endAt: floorMinute(new Date(startAt.getTime() + duration * 1000)),
    duration,
    condition,
    inTrunk: prng.pick(['0701', '0702']),
    calling,
    vdn,
    circuit: String(prng.int(1, 30)).padStart(3, '0'),
    ucid,
  })

  for (let i = 0; i < answered; i += 1) {
    const spills = !last && i === 0
    const startAt = spills
      ? wibTime(month, daysInMonth(month), 23, prng.int(52, 58), prng.int(0, 59))
      : pickContactTime(prng, month)
    const calling = callingNumber(prng, pickCustomer().phone)
    const duration = spills ? prng.int(480, 900) : prng.int(45, 900)
    const ucid = prng.chance(0.02) ? '' : nextUcid(startAt)
    if (spills) {
      spill.push(incoming(startAt, duration, '9', calling, ucid))
    } else if (prng.chance(0.04) && ucid) {
      // Transferred: the switch splits the call into two records that share the UCID.
      const first = incoming(startAt, prng.int(40, 240), '9', calling, ucid)
      const rest = prng.int(60, 600)
      const secondStart = new Date(first.endAt.getTime() - 5_000)
      records.push(first, incoming(secondStart, rest, '9', calling, ucid, '71002'))
    } else if (prng.chance(0.005)) {
      records.push({ ...incoming(startAt, 0, '9', calling, ucid), duration: 99999 })
    } else {
      const record = incoming(startAt, duration, '9', calling, ucid)
      records.push(record)
      if (duration > 600 && prng.chance(0.15)) {
        skip('interim record', {
          ...record,
          condition: '4',
          endAt: addMinutes(floorMinute(startAt), 5),
          duration: 300,
        })
      }
    }
  }
  const abandoned = Math.round((answered * prng.int(15, 25)) / 100)
  for (let i = 0; i < abandoned; i += 1) {
    const startAt = pickContactTime(prng, month)
    const condition = prng.chance(0.75) ? 'H' : 'I'
    records.push(
      incoming(
        startAt,
        prng.int(4, 90),
        condition,
        callingNumber(prng, pickCustomer().phone),
        nextUcid(startAt),
      ),
    )
  }
  for (let i = Math.round(answered * 0.12); i > 0; i -= 1) {
    const startAt = pickContactTime(prng, month)
    const duration = prng.int(30, 600)
    skip('outgoing call', {
      endAt: floorMinute(new Date(startAt.getTime() + duration * 1000)),
      duration,
      condition: prng.pick(['A', '7']),
      codeDial: '9',
      codeUsed: '0702',
      inTrunk: '',
      dialed: callingNumber(prng, pickCustomer().phone),
      calling: prng.pick(AGENT_LOGINS),
      vdn: '',
      circuit: '',
      ucid: nextUcid(startAt),
    })
  }
  for (let i = prng.int(0, 3); i > 0; i -= 1) {
    const startAt = pickContactTime(prng, month)
    const duration = prng.int(20, 240)
    skip('intraswitch call', {
      endAt: floorMinute(new Date(startAt.getTime() + duration * 1000)),
      duration,
      condition: '0',
      codeDial: '',
      codeUsed: '',
      inTrunk: '',
      dialed: prng.pick(AGENT_LOGINS),
      calling: prng.pick(AGENT_LOGINS),
      vdn: '',
      circuit: '',
      ucid: '',
    })
  }
  records.sort((a, b) => a.endAt.getTime() - b.endAt.getTime())
  return { records, spill, tickets: answered + abandoned, skipped }
}

function floorMinute(at: Date): Date {
  return new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS)
}
