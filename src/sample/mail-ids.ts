import type { Prng } from './prng.js'

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * Message-IDs as each sender's mail system writes them (Gmail, Yahoo, Outlook, Zimbra on
 * government servers, Exchange at the ministry). A running number keeps them unique.
 */
export function createMessageIdMaker(prng: Prng): (domain: string, sentAt: Date) => string {
  let serial = prng.int(100_000, 900_000)
  const chars = (n: number) =>
    Array.from({ length: n }, () => ALNUM[prng.int(0, ALNUM.length - 1)]).join('')
  return (domain, sentAt) => {
    serial += 1
    const ms = sentAt.getTime() + prng.int(0, 999)
    if (domain === 'gmail.com') {
      return `CA${chars(6)}${serial.toString(36)}${chars(24)}@mail.gmail.com`
    }
    if (domain.startsWith('yahoo')) {
      return `${serial}.${prng.int(1000000, 9999999)}.${ms}@mail.yahoo.com`
    }
    if (domain === 'outlook.com' || domain === 'hotmail.com') {
      return `SG2PR0${prng.int(1, 6)}MB${prng.int(1000, 9999)}${chars(6).toUpperCase()}${serial.toString(36).toUpperCase()}@SG2PR0${prng.int(1, 6)}MB${prng.int(1000, 9999)}.apcprd0${prng.int(1, 6)}.prod.outlook.com`
    }
    if (domain.endsWith('kemenkeu.go.id')) {
      return `${prng.hex(12)}${serial.toString(16)}@KMKEXC0${prng.int(1, 4)}.kemenkeu.go.id`
    }
    return `${ms}.${serial}.JavaMail.zimbra@${domain}`
  }
}
