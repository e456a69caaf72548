import type { ChannelAdapter } from '../channel-adapter.js'
import { scoreCmsTable } from './avaya-cms.js'
import { cdrLayoutOfText } from './cdr-detect.js'
import { parsePhone } from './phone.js'

/** Avaya CMS call records (CSV) and Communication Manager CDR text (formats/phone.md). */
export const phoneAdapter: ChannelAdapter = {
  parse: parsePhone,
  version: 'avaya@2',
  detect: {
    extensions: ['.cdr'],
    scoreTable: scoreCmsTable,
    recognizeText: (text, options) => {
      const layout = cdrLayoutOfText(text, options.cdrLayout ?? null)
      return layout && `fixed-width CDR records (${layout})`
    },
  },
  settings: { cdrLayout: 'CDR_LAYOUT', cdrDateOrder: 'CDR_DATE_ORDER' },
}
