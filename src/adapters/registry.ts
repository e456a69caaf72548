import type { Channel } from '../domain/channel.js'
import { assertNever } from '../domain/assert-never.js'
import type { Adapter } from './adapter.js'
import { parseSociomile, SOCIOMILE_ADAPTER_VERSION } from './sociomile.js'

export interface RegisteredAdapter {
  parse: Adapter
  /** Stored on every ticket, so facts can be re-derived after an adapter fix. */
  version: string
}

/** The only channel → adapter map. */
export function adapterFor(channel: Channel): RegisteredAdapter {
  switch (channel) {
    case 'whatsapp':
      return { parse: parseSociomile, version: SOCIOMILE_ADAPTER_VERSION }
    case 'phone':
    case 'email':
    case 'hai_kemenkeu':
    case 'livechat':
      throw new Error(`no adapter for ${channel} yet`)
    default:
      return assertNever(channel)
  }
}
