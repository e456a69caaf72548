import { z } from 'zod'

/** In the report's order, which is also reporting.channel's sort_order. */
export const CHANNELS = ['whatsapp', 'phone', 'email', 'hai_kemenkeu', 'livechat'] as const
export type Channel = (typeof CHANNELS)[number]
export const ChannelSchema = z.enum(CHANNELS)

/** How the report names each channel. */
export const CHANNEL_LABELS: Record<Channel, string> = {
  whatsapp: 'WhatsApp',
  phone: 'Telepon',
  email: 'Email',
  hai_kemenkeu: 'Hai Kemenkeu',
  livechat: 'Live Chat',
}

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value)
}
