import type { ChannelAdapter } from '../channel-adapter.js'
import { parseSociomile, scoreSociomileTable, SOCIOMILE_ADAPTER_VERSION } from './sociomile.js'

/** WhatsApp conversations exported from Sociomile as CSV or XLSX (formats/whatsapp.md). */
export const whatsappAdapter: ChannelAdapter = {
  parse: parseSociomile,
  version: SOCIOMILE_ADAPTER_VERSION,
  detect: { scoreTable: scoreSociomileTable },
  settings: {},
}
