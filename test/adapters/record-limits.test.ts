import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { boundedLines, LINE_EXCERPT_BYTES } from '../../src/adapters/formats/bounded-lines.js'
import { parseDeskproLivechat } from '../../src/adapters/livechat/deskpro-livechat.js'
import { parseEmail } from '../../src/adapters/email/email.js'
import { parsePhone } from '../../src/adapters/phone/phone.js'
import { fixturePath, runAdapterOn } from './run-adapter.js'
import { readFileSync } from 'node:fs'

// MAX_RECORD_BYTES for the line-framed formats, JSON chats and mail: a record over the limit is a
// reject with a bounded excerpt, never held whole, and the records after it are read as usual.

const chat = (id: number) =>
  `{"id":${id},"status":"open","subject":"Tanya DAU","date_created":"2021-12-07 01:00:00"}`

describe('record size limits', () => {
  it('skips a line over the limit to its end, in any chunking, keeping an excerpt', async () => {
    const long = 'x'.repeat(10_000)
    const text = `short\r\n${long}\r\nafter\n`
    for (const size of [7, 4096, 1 << 16]) {
      const chunks: Buffer[] = []
      const bytes = Buffer.from(text)
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size))
      const lines = []
      for await (const line of boundedLines(Readable.from(chunks), 4096)) lines.push(line)
      expect(lines).toEqual([
        { lineNumber: 1, text: 'short' },
        { lineNumber: 2, text: long.slice(0, LINE_EXCERPT_BYTES), oversized: 10_000 },
        { lineNumber: 3, text: 'after' },
      ])
    }
  })

  it('an NDJSON chat over the limit is a reject and the chats around it load', async () => {
    const huge = `{"id":2,"subject":"${'y'.repeat(50_000)}"}`
    const file = [chat(1), huge, chat(3)].join('\n')
    const outputs = await runAdapterOn(parseDeskproLivechat, file, 'chats.ndjson', {
      maxRecordBytes: 8192,
    })
    expect(outputs.map((o) => [o.kind, o.recordNumber])).toEqual([
      ['ticket', 1],
      ['reject', 2],
      ['ticket', 3],
    ])
    expect(outputs[1]).toMatchObject({
      reason: expect.stringContaining(
        'record larger than MAX_RECORD_BYTES (50021 bytes, limit 8192)',
      ),
    })
    if (outputs[1]?.kind === 'reject') expect(outputs[1].raw.length).toBe(LINE_EXCERPT_BYTES)
  })

  it('a chat over the limit in a JSON array or API page is a reject and the chats after it load', async () => {
    // A chat exported with a pasted attachment: one huge message string, then nested messages.
    const huge = `{"id":2,"messages":[{"body":"${'y'.repeat(50_000)}"},{"body":"\\u00e9 ok"}]}`
    const limit = 8192
    // Its size is that of the chat's text in the file, as an NDJSON line's (the \u00e9 escape
    // counts its 6 bytes).
    const size = Buffer.byteLength(huge)
    const reason = `record larger than MAX_RECORD_BYTES (${size} bytes, limit ${limit}): skipped`
    const files = {
      'chats.json': `[${chat(1)},\n${huge},\n${chat(3)}]`,
      'page.json': `{\n"data": [${chat(1)}, ${huge}, ${chat(3)}],\n"meta": {"count": 3}\n}`,
    }
    for (const [name, file] of Object.entries(files)) {
      const outputs = await runAdapterOn(parseDeskproLivechat, file, name, {
        maxRecordBytes: limit,
      })
      expect(outputs.map((o) => [o.kind, o.recordNumber])).toEqual([
        ['ticket', 1],
        ['reject', 2],
        ['ticket', 3],
      ])
      expect(outputs[1]).toMatchObject({ reason, raw: huge.slice(0, LINE_EXCERPT_BYTES) })
    }
  })

  it('a CDR line over the limit is a reject and the calls after it load', async () => {
    // A collector that lost its line ends writes one endless line of junk.
    const lines = readFileSync(fixturePath('phone/sample.cdr'), 'latin1').split('\n')
    const file = [lines[0], 'z'.repeat(20_000), ...lines.slice(1)].join('\n')
    const outputs = await runAdapterOn(parsePhone, file, 'calls.cdr', { maxRecordBytes: 4096 })
    expect(outputs[0]).toMatchObject({ kind: 'ticket', recordNumber: 1 })
    expect(outputs[1]).toMatchObject({
      kind: 'reject',
      recordNumber: 2,
      reason: 'record larger than MAX_RECORD_BYTES (20000 bytes, limit 4096): skipped',
    })
    expect(outputs.filter((o) => o.kind === 'ticket').length).toBeGreaterThan(1)
  })

  it('a mail message over the limit is a reject naming the setting', async () => {
    const message = (id: string, body: string) =>
      `From sender@example.com Tue Dec  7 09:00:00 2021\nFrom: warga@example.com\nTo: callcenter.djpk@kemenkeu.go.id\nMessage-ID: <${id}@example.com>\nDate: Tue, 7 Dec 2021 09:00:00 +0700\nSubject: Tanya DAU\n\n${body}\n`
    const mbox = message('a', 'halo') + message('b', 'x'.repeat(20_000)) + message('c', 'halo')
    const outputs = await runAdapterOn(parseEmail, mbox, 'inbox.mbox', { maxRecordBytes: 4096 })
    expect(outputs.map((o) => o.kind)).toEqual(['ticket', 'reject', 'ticket'])
    expect(outputs[1]).toMatchObject({
      reason: expect.stringMatching(/over the 4096-byte limit \(MAX_RECORD_BYTES\)/),
    })
  })
})
