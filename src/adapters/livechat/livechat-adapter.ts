import type { ChannelAdapter } from '../channel-adapter.js'
import { parseDeskproLivechat } from './deskpro-livechat.js'

/** Deskpro live chats as an API page, a JSON array or NDJSON (formats/livechat.md). */
export const livechatAdapter: ChannelAdapter = {
  parse: parseDeskproLivechat,
  version: 'deskpro@1',
  detect: {
    extensions: ['.json', '.ndjson', '.jsonl'],
    recognizeText: (text) => (/^\s*[[{]/.test(text) ? 'JSON content' : null),
  },
  settings: {},
}
