import type { ChannelAdapter } from '../channel-adapter.js'
import { parseSociomile, scoreSociomileTable } from './sociomile.js'

/** WhatsApp conversations exported from Sociomile as CSV or XLSX (formats/whatsapp.md). */
export const whatsappAdapter: ChannelAdapter = {
  parse: parseSociomile,
  version: 'sociomile@2',
  detect: { scoreTable: scoreSociomileTable },
  settings: {},
}
