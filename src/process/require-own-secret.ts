import { randomBytes } from 'node:crypto'
import { DEVELOPMENT_CUSTOMER_KEY_SECRET, type Config } from '../config.js'
import { ConfigError } from '../errors.js'

/**
 * Workers and the scheduler store customer keys, so they refuse the development
 * CUSTOMER_KEY_SECRET: anyone knowing it (it is in the source) turns a key back into the phone
 * number by trying numbers. `dering demo` and the tests use it on purpose and start their
 * workers in-process.
 */
export function requireOwnCustomerKeySecret(config: Config): void {
  if (config.CUSTOMER_KEY_SECRET !== DEVELOPMENT_CUSTOMER_KEY_SECRET) return
  throw new ConfigError(
    'CUSTOMER_KEY_SECRET: the development value is public and would let anyone turn customer keys back into phone numbers; set your own (dering migrate --init-secret prints one) and never change it once data is loaded',
  )
}

/** A new secret for CUSTOMER_KEY_SECRET: 32 random bytes, base64url. */
export function generateCustomerKeySecret(): string {
  return randomBytes(32).toString('base64url')
}
