import type { ChannelAdapter } from '../channel-adapter.js'
import { HAI_ADAPTER_VERSION, parseHaiKemenkeu, scoreHaiKemenkeuTable } from './hai-kemenkeu.js'

/** HAI Kemenkeu tickets exported as CSV or XLSX (formats/hai-kemenkeu.md). */
export const haiKemenkeuAdapter: ChannelAdapter = {
  parse: parseHaiKemenkeu,
  version: HAI_ADAPTER_VERSION,
  detect: { scoreTable: scoreHaiKemenkeuTable },
  settings: { haiUnit: 'HAI_UNIT' },
}
