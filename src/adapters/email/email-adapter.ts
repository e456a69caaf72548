import type { ChannelAdapter } from '../channel-adapter.js'
import { parseEmail } from './email.js'

const MAIL_HEADER =
  /^(from |received:|message-id:|return-path:|delivered-to:|date:|from:|mime-version:)/im

/** The consultation and Email Lapor inboxes, as mbox files or single .eml messages (formats/email.md). */
export const emailAdapter: ChannelAdapter = {
  parse: parseEmail,
  version: 'email@2',
  detect: {
    extensions: ['.eml', '.mbox'],
    recognizeText: (text) =>
      MAIL_HEADER.test(text.slice(0, 2048)) && /^[\w-]+: /m.test(text) ? 'mail headers' : null,
  },
  settings: {
    staffDomain: 'EMAIL_STAFF_DOMAIN',
    consultationInbox: 'EMAIL_CONSULTATION_INBOX',
    reportInbox: 'EMAIL_REPORT_INBOX',
  },
}
