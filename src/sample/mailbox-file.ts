import type { Channel } from '../domain/channel.js'
import { mboxLineDate } from './date-text.js'
import { openSink, type SampleFile } from './file-sink.js'
import type { MailMessage } from './mime-text.js'

/**
 * An mbox (mboxrd): each message after a `From sender date` line and a blank line between
 * messages; body lines starting with `From ` (after any `>`) get one more `>`.
 */
export async function writeMbox(
  outDir: string,
  channel: Channel,
  name: string,
  messages: readonly MailMessage[],
): Promise<SampleFile> {
  const sink = await openSink(outDir, channel, name)
  for (const message of messages) {
    const escaped = message.text.replace(/^(>*From )/gm, '>$1')
    await sink.write(`From ${message.sender} ${mboxLineDate(message.sentAt)}\n${escaped}\n`)
  }
  return sink.close()
}

/** One `.eml` file: a single message with CRLF line ends, as a mail client saves it. */
export async function writeEml(
  outDir: string,
  channel: Channel,
  name: string,
  message: MailMessage,
): Promise<SampleFile> {
  const sink = await openSink(outDir, channel, name)
  await sink.write(message.text.replace(/\n/g, '\r\n'))
  return sink.close()
}
