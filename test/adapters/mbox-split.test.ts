import { createReadStream, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  splitMailbox,
  type MailboxMessage,
  type SplitOptions,
} from '../../src/adapters/mbox-split.js'
import { fixturePath } from './run-adapter.js'

async function split(
  chunks: Iterable<Buffer | string> | AsyncIterable<Buffer>,
  options?: SplitOptions,
): Promise<MailboxMessage[]> {
  const messages: MailboxMessage[] = []
  for await (const message of splitMailbox(chunks, options)) messages.push(message)
  return messages
}

const texts = (messages: MailboxMessage[]): string[] =>
  messages.map((m) => m.bytes.toString('utf8'))

/** The same bytes cut into one-byte chunks, so every line start straddles a chunk boundary. */
function byteByByte(text: string): Buffer[] {
  return [...Buffer.from(text)].map((byte) => Buffer.from([byte]))
}

describe('splitMailbox', () => {
  it('splits at From lines after a blank line, unescapes >From and keeps other From lines', async () => {
    const messages = texts(
      await split(createReadStream(fixturePath('email/mboxrd-from-escapes.mbox'))),
    )
    expect(messages).toHaveLength(2)
    expect(messages[0]).toContain(
      '\n\nFrom the desk of the regent, with regards.\n>From an older quote.\n',
    )
    expect(messages[0]).toContain(
      '\nFrom now on this line starts with From but follows a text line.\n',
    )
    expect(messages[0]!.startsWith('Message-ID: <escaped-1@mail.gmail.com>\n')).toBe(true)
    // The blank line before the next From line is the separator, not content.
    expect(messages[0]!.endsWith('\n\nSalam.\n')).toBe(true)
    expect(messages[1]).toBe(
      'Message-ID: <escaped-2@mail.gmail.com>\nDate: Wed, 8 Dec 2021 09:00:00 +0700\n' +
        'From: warga2@gmail.com\nTo: callcenter.djpk@kemenkeu.go.id\nSubject: Pesan kedua\n\nPesan kedua.\n',
    )
  })

  it('gives the same messages whatever the chunk boundaries', async () => {
    const text = readFileSync(fixturePath('email/mboxrd-from-escapes.mbox'), 'utf8')
    expect(texts(await split(byteByByte(text)))).toEqual(texts(await split([text])))
  })

  it('splits CRLF mailboxes and keeps their line endings', async () => {
    const text =
      'From a Wed Dec  1 02:12:45 2021\r\nSubject: one\r\n\r\n>From body\r\n\r\nFrom b Wed Dec  1 02:12:46 2021\r\nSubject: two\r\n\r\nbody\r\n\r\n'
    expect(texts(await split(byteByByte(text)))).toEqual([
      'Subject: one\r\n\r\nFrom body\r\n',
      'Subject: two\r\n\r\nbody\r\n',
    ])
  })

  it('reads a file without a leading From line as one message, never split or unescaped', async () => {
    const text = '\uFEFF\n\nSubject: eml\n\nparagraph\n\nFrom here on, a body line.\n>From quoted\n'
    expect(texts(await split([text]))).toEqual([
      'Subject: eml\n\nparagraph\n\nFrom here on, a body line.\n>From quoted\n',
    ])
  })

  it('reads an .eml as one message, dropping a leading From envelope line', async () => {
    const text =
      'From warga@gmail.com Wed Dec  1 02:12:45 2021\nSubject: eml\n\nbody\n\nFrom here on.\n>From quoted\n'
    expect(texts(await split([text], { format: 'eml' }))).toEqual([
      'Subject: eml\n\nbody\n\nFrom here on.\n>From quoted\n',
    ])
  })

  it('keeps blank lines inside a message, dropping only the separator', async () => {
    const text = 'From a\nSubject: x\n\nbody\n\n\n\nFrom b\nSubject: y\n'
    expect(texts(await split([text]))).toEqual(['Subject: x\n\nbody\n\n\n', 'Subject: y\n'])
  })

  it('yields an empty message for a From line with nothing under it', async () => {
    expect(texts(await split(['From a\n\nFrom b\nSubject: y\n']))).toEqual(['', 'Subject: y\n'])
  })

  it('yields nothing for an empty or blank file', async () => {
    expect(await split([])).toEqual([])
    expect(await split(['\n\r\n\n'])).toEqual([])
  })

  it('handles lines longer than a chunk and From lines after them', async () => {
    const long = 'x'.repeat(5000)
    const escaped = `>From ${'y'.repeat(3000)}`
    const text = `From a\nSubject: x\n\n${long}\n${escaped}\n\nFrom b\nSubject: y\n\n${long}`
    const chunks = text.match(/[\s\S]{1,700}/g)!
    expect(texts(await split(chunks))).toEqual([
      `Subject: x\n\n${long}\n${escaped.slice(1)}\n`,
      `Subject: y\n\n${long}`,
    ])
  })

  it('cuts a message over the size limit to its start and goes on with the next', async () => {
    const body = 'z'.repeat(300)
    const messages = await split([`From a\nSubject: big\n\n${body}\n\nFrom b\nSubject: small\n`], {
      maxBytes: 100,
    })
    expect(messages[0]!.truncated).toBe(true)
    expect(messages[0]!.sizeBytes).toBe('Subject: big\n\n'.length + body.length + 1)
    expect(messages[0]!.bytes.toString()).toBe('Subject: big\n\n')
    expect(messages[1]).toEqual({
      bytes: Buffer.from('Subject: small\n'),
      sizeBytes: 15,
      truncated: false,
    })
  })
})
