import type { Channel } from '../domain/channel.js'
import { assertNever } from '../domain/assert-never.js'
import type { Adapter } from './adapter.js'
import { parseDeskproLivechat, LIVECHAT_ADAPTER_VERSION } from './livechat/deskpro-livechat.js'
import { parseEmail, EMAIL_ADAPTER_VERSION } from './email/email.js'
import { parseHaiKemenkeu, HAI_ADAPTER_VERSION } from './hai_kemenkeu/hai-kemenkeu.js'
import { parsePhone, PHONE_ADAPTER_VERSION } from './phone/phone.js'
import { parseSociomile, SOCIOMILE_ADAPTER_VERSION } from './whatsapp/sociomile.js'

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
      return { parse: parsePhone, version: PHONE_ADAPTER_VERSION }
    case 'email':
      return { parse: parseEmail, version: EMAIL_ADAPTER_VERSION }
    case 'hai_kemenkeu':
      return { parse: parseHaiKemenkeu, version: HAI_ADAPTER_VERSION }
    case 'livechat':
      return { parse: parseDeskproLivechat, version: LIVECHAT_ADAPTER_VERSION }
    default:
      return assertNever(channel)
  }
}
