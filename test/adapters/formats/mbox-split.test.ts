import { createReadStream, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  splitMailbox,
  type MailboxMessage,
  type SplitOptions,
} from '../../../src/adapters/formats/mbox-split.js'
import { DEFAULT_ADAPTER_OPTIONS } from '../../../src/services.js'
import { fixturePath } from '../run-adapter.js'

async function split(
  chunks: Iterable<Buffer | string> | AsyncIterable<Buffer>,
  options: Partial<SplitOptions> = {},
): Promise<MailboxMessage[]> {
  const messages: MailboxMessage[] = []
  const splitting = { maxBytes: DEFAULT_ADAPTER_OPTIONS.maxRecordBytes, ...options }
  for await (const message of splitMailbox(chunks, splitting)) messages.push(message)
  return messages
}

const texts = (messages: MailboxMessage[]): string[] =>
  messages.map((m) => m.bytes.toString('utf8'))

/** The same bytes cut into one-byte chunks, so every line start straddles a chunk boundary. */
function byteByByte(text: string): Buffer[] {
  return [...Buffer.from(text)].map((byte) => Buffer.from([byte]))
}

/** Envelope lines as mbox writers put them: a sender and an asctime date. */
const FROM_A = 'From a@example.com Wed Dec  1 02:12:45 2021'
const FROM_B = 'From MAILER-DAEMON Wed Dec  1 02:12:46 2021'

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
    const text = `${FROM_A}\nSubject: x\n\nbody\n\n\n\n${FROM_B}\nSubject: y\n`
    expect(texts(await split([text]))).toEqual(['Subject: x\n\nbody\n\n\n', 'Subject: y\n'])
  })

  it('yields an empty message for a From line with nothing under it', async () => {
    expect(texts(await split([`${FROM_A}\n\n${FROM_B}\nSubject: y\n`]))).toEqual([
      '',
      'Subject: y\n',
    ])
  })

  it('yields nothing for an empty or blank file', async () => {
    expect(await split([])).toEqual([])
    expect(await split(['\n\r\n\n'])).toEqual([])
  })

  it('handles lines longer than a chunk and From lines after them', async () => {
    const long = 'x'.repeat(5000)
    const escaped = `>From ${'y'.repeat(3000)}`
    const text = `${FROM_A}\nSubject: x\n\n${long}\n${escaped}\n\n${FROM_B}\nSubject: y\n\n${long}`
    const chunks = text.match(/[\s\S]{1,700}/g)!
    expect(texts(await split(chunks))).toEqual([
      `Subject: x\n\n${long}\n${escaped.slice(1)}\n`,
      `Subject: y\n\n${long}`,
    ])
  })

  it('cuts a message over the size limit to its start and goes on with the next', async () => {
    const body = 'z'.repeat(300)
    const messages = await split(
      [`${FROM_A}\nSubject: big\n\n${body}\n\n${FROM_B}\nSubject: small\n`],
      {
        maxBytes: 100,
      },
    )
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

/** Splits `text` and gathers the notes the splitter gives at the end. */
async function splitNoting(
  chunks: Iterable<Buffer | string>,
  options: Partial<SplitOptions> = {},
): Promise<{ messages: string[]; notes: string[] }> {
  const notes: string[] = []
  const messages = texts(await split(chunks, { ...options, note: (n) => notes.push(n) }))
  return { messages, notes }
}

describe('splitMailbox: envelope lines', () => {
  // Old Netscape/Eudora folders and tools that end a message on a MIME boundary or a base64 line
  // write the next `From ` line with no blank line before it.
  it('starts a message at every envelope line, with or without a blank line before it', async () => {
    const text = readFileSync(fixturePath('email/netscape-eudora-no-blank-lines.mbox'), 'utf8')
    const { messages, notes } = await splitNoting([text])
    expect(messages.map((m) => /^Message-ID: <(.*)>$/m.exec(m)?.[1])).toEqual([
      'ns-1@bpkad.slemankab.go.id',
      'ns-2@gmail.com',
      'eudora-3@bpkad.bantulkab.go.id',
      'ns-4@gmail.com',
    ])
    expect(messages[0]!.endsWith('Kapan DAU Desember disalurkan?\n--------------NS1--\n')).toBe(
      true,
    )
    expect(messages[1]!.endsWith('\nFrom now on I will write to this address only.\n')).toBe(true)
    expect(messages[2]!.endsWith('\n\nTW9ob24gaW5mbyBsYXBvcmFuIHBlbnlhbHVyYW4u\n')).toBe(true)
    expect(notes).toEqual([])
    expect(texts(await split(byteByByte(text)))).toEqual(messages)
  })

  it.each([
    ['an address and asctime', 'From budi@example.com Mon Jan  1 00:00:00 2021'],
    ['Netscape/Thunderbird', 'From - Mon Jan  1 00:00:00 2021'],
    ['the mailer daemon', 'From MAILER-DAEMON Fri Jul  8 12:08:34 2011'],
    ['Eudora', 'From ???@??? Mon Jan 01 00:00:00 2021'],
    [
      'a zone before the year (Google Takeout)',
      'From 1718372818@xxx Tue Nov 12 21:00:30 +0000 2019',
    ],
    ['a zone name', 'From budi@example.com Sat Jan  3 01:05:34 PST 1996'],
    ['a zone after the year', 'From budi@example.com Mon Jan  1 00:00:00 2021 +0700'],
    ['no seconds', 'From budi Mon Jan  1 00:00 2021'],
    ['UUCP', 'From budi Mon Jan  1 00:00:00 2021 remote from gateway'],
    ['an RFC 5322 date', 'From budi@example.com Mon, 1 Jan 2021 00:00:00 +0000'],
    ['CRLF', 'From budi@example.com Mon Jan  1 00:00:00 2021\r'],
  ])('takes %s as an envelope line', async (_, envelope) => {
    const text = `${FROM_A}\nSubject: one\n\nbody\n${envelope}\nSubject: two\n`
    expect(texts(await split([text]))).toEqual(['Subject: one\n\nbody\n', 'Subject: two\n'])
  })

  it.each([
    'From here on, a sentence.',
    'From budi@example.com yesterday',
    'From Mon Jan  1 to Fri Jan  5 2021 we were closed',
    'From: budi@example.com',
    `From budi@example.com Mon Jan  1 00:00:00 2021 ${'x'.repeat(2000)}`,
  ])('keeps "%s" in its message', async (line) => {
    const text = `${FROM_A}\nSubject: one\n\nbody\n${line}\nmore\n`
    expect(texts(await split([text]))).toEqual([`Subject: one\n\nbody\n${line}\nmore\n`])
  })

  it('notes From lines after a blank line that are not envelope lines, once for the file', async () => {
    const text = `${FROM_A}\nSubject: one\n\nbody\n\nFrom a\nx\n\nFrom b\n${FROM_B}\nSubject: two\n\nFrom c\n`
    const { messages, notes } = await splitNoting([text])
    expect(messages).toEqual([
      'Subject: one\n\nbody\n\nFrom a\nx\n\nFrom b\n',
      'Subject: two\n\nFrom c\n',
    ])
    expect(notes).toEqual([
      'mbox: 3 lines starting "From " after a blank line but without a sender and date kept ' +
        'as body text (messages 1, 2); if they were meant to start messages, the message count is off',
    ])
  })
})

describe('splitMailbox: Content-Length', () => {
  // mboxcl2 (SVR4/Solaris mail): bodies are counted, not escaped, and a blank line follows each.
  it('honours Content-Length that ends on a message boundary, keeping an envelope-like body line', async () => {
    const text = readFileSync(fixturePath('email/mboxcl2-content-length.mbox'), 'utf8')
    const { messages, notes } = await splitNoting([text])
    expect(messages).toHaveLength(2)
    expect(messages[0]).toContain(
      '\n\nFrom budi@bpkad.slemankab.go.id Wed Dec  1 02:12:45 2021\nSubject: pesan lama\n\n' +
        "From the regent's office, with regards.\n",
    )
    expect(messages[0]!.endsWith('with regards.\n')).toBe(true)
    expect(messages[1]!.endsWith('Content-Length: 13\n\nPesan kedua.\n')).toBe(true)
    expect(notes).toEqual([])
    expect(texts(await split(byteByByte(text)))).toEqual(messages)
  })

  it('honours it without a blank line after the body, at the end of the file and with CRLF', async () => {
    const body = 'a\r\n\r\nFrom x Mon Jan  1 00:00:00 2021\r\n'
    const text =
      `${FROM_A}\r\nContent-Length: ${body.length}\r\n\r\n${body}` +
      `${FROM_B}\r\nContent-Length: 3\r\n\r\nb\r\n`
    const expected = [
      `Content-Length: ${body.length}\r\n\r\n${body}`,
      'Content-Length: 3\r\n\r\nb\r\n',
    ]
    expect(await splitNoting([text])).toEqual({ messages: expected, notes: [] })
    expect(texts(await split(byteByByte(text)))).toEqual(expected)
  })

  it('unescapes >From lines inside a counted body (mboxcl)', async () => {
    const text = `${FROM_A}\nContent-Length: 11\n\n>From x\nok\n\n${FROM_B}\n\nb\n`
    expect(texts(await split([text]))).toEqual(['Content-Length: 11\n\nFrom x\nok\n', '\nb\n'])
  })

  it.each([
    ['too short', 5],
    ['too long', 40],
    ['past the end of the file', 400],
  ])('ignores a Content-Length %s, splits at envelope lines and notes it', async (_, length) => {
    const text = `${FROM_A}\nContent-Length: ${length}\n\nbody one\n\n${FROM_B}\nSubject: two\n\nbody two\n`
    const { messages, notes } = await splitNoting(byteByByte(text))
    expect(messages).toEqual([
      `Content-Length: ${length}\n\nbody one\n`,
      'Subject: two\n\nbody two\n',
    ])
    expect(notes).toEqual([
      'mbox: Content-Length ignored once (message 1): it does not end where a next message ' +
        'starts, so those messages were split at From lines and the message count may be off',
    ])
  })

  it('ignores a Content-Length over the message size limit', async () => {
    const text = `${FROM_A}\nContent-Length: 999999\n\nbody\n${FROM_B}\n\nb\n`
    const { messages, notes } = await splitNoting([text], { maxBytes: 1000 })
    expect(messages).toEqual(['Content-Length: 999999\n\nbody\n', '\nb\n'])
    expect(notes).toHaveLength(1)
  })

  it('reads Content-Length only in the message headers and only in mboxes', async () => {
    const inBody = `${FROM_A}\nSubject: x\n\nContent-Length: 1\n\n${FROM_B}\n\nb\n`
    expect(texts(await split([inBody]))).toEqual(['Subject: x\n\nContent-Length: 1\n', '\nb\n'])
    const eml = `Subject: x\nContent-Length: 1\n\nbody\n\n${FROM_B}\n`
    expect(texts(await split([eml]))).toEqual([eml.replace(/\n\n$/, '\n')])
  })
})
