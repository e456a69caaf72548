import type { ChannelAdapter } from '../channel-adapter.js'
import { parseHaiKemenkeu, scoreHaiKemenkeuTable } from './hai-kemenkeu.js'

/** HAI Kemenkeu tickets exported as CSV or XLSX (formats/hai-kemenkeu.md). */
export const haiKemenkeuAdapter: ChannelAdapter = {
  parse: parseHaiKemenkeu,
  version: 'hai@2',
  detect: { scoreTable: scoreHaiKemenkeuTable },
  settings: { haiUnit: 'HAI_UNIT' },
}
