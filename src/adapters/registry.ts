import type { Channel } from '../domain/channel.js'
import type { ChannelAdapter } from './channel-adapter.js'
import { emailAdapter } from './email/email-adapter.js'
import { haiKemenkeuAdapter } from './hai_kemenkeu/hai-kemenkeu-adapter.js'
import { livechatAdapter } from './livechat/livechat-adapter.js'
import { phoneAdapter } from './phone/phone-adapter.js'
import { whatsappAdapter } from './whatsapp/whatsapp-adapter.js'

/** The only channel → adapter map: one line per channel, each entry in its channel's folder. */
export const CHANNEL_ADAPTERS: Readonly<Record<Channel, ChannelAdapter>> = Object.freeze({
  whatsapp: whatsappAdapter,
  phone: phoneAdapter,
  email: emailAdapter,
  hai_kemenkeu: haiKemenkeuAdapter,
  livechat: livechatAdapter,
})

export function adapterFor(channel: Channel): ChannelAdapter {
  return CHANNEL_ADAPTERS[channel]
}
