import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { defaultDateWindow } from '../../../src/config.js'
import { DEFAULT_ADAPTER_OPTIONS } from '../../../src/services.js'
import { parseEmail } from '../../../src/adapters/email/email.js'
import { DEFAULT_SEGMENT_MAP } from '../../../src/domain/segment.js'
import { UnreadableFileError } from '../../../src/errors.js'
import { fixturePath, runAdapterOn, testCustomerKey } from '../run-adapter.js'

describe('parseEmail: bad messages', () => {
  const headers = [
    'Message-ID: <m1@example.com>',
    'Date: Wed, 1 Dec 2021 09:12:45 +0700',
    'To: callcenter.djpk@kemenkeu.go.id',
  ]

  it('rejects a consultation without a From address', async () => {
    const message = [...headers, 'Subject: Tanpa pengirim', '', 'Isi.', ''].join('\n')
    expect(await runAdapterOn(parseEmail, message, 'no-from.eml')).toEqual([
      { kind: 'reject', recordNumber: 1, reason: 'missing From address', raw: message },
    ])
  })

  it('rejects a header-less customer message without a Message-ID', async () => {
    const message = [
      headers[1],
      headers[2],
      'From: warga@gmail.com',
      'Subject: x',
      '',
      'Isi.',
      '',
    ].join('\n')
    expect(await runAdapterOn(parseEmail, message, 'no-id.eml')).toEqual([
      { kind: 'reject', recordNumber: 1, reason: 'missing Message-ID', raw: message },
    ])
  })

  it('fails a file of one message that is not mail at all', async () => {
    // A meeting note saved with an .eml name: text, but no mail header.
    const text = 'Daftar hadir rapat\nNama; Jabatan\n'
    await expect(runAdapterOn(parseEmail, text, 'notes.eml')).rejects.toThrow(
      new UnreadableFileError(
        'notes.eml',
        'not an email file: no From, To, Date, Message-ID or Received header',
      ),
    )
  })

  it('rejects a message the MIME parser gives up on, and goes on with the next', async () => {
    const parts = Array.from({ length: 1100 }, (_, i) => `--b\nContent-Type: text/plain\n\n${i}\n`)
    const broken = [
      ...headers,
      'From: a@example.com',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      ...parts,
      '--b--',
      '',
    ].join('\n')
    const mbox = `From a@example.com Wed Dec  1 02:12:45 2021\n${broken}\n${readFileSync(fixturePath('email/sample-thread.mbox'), 'utf8')}`
    const outputs = await runAdapterOn(parseEmail, mbox, 'broken.mbox')
    expect(outputs[0]).toEqual({
      kind: 'reject',
      recordNumber: 1,
      reason: 'unparseable message: Max allowed child nodes exceeded',
      raw: broken,
    })
    expect(outputs.slice(1).map((o) => o.recordNumber)).toEqual([2, 3])
  })

  it('fails an empty file', async () => {
    await expect(runAdapterOn(parseEmail, '', 'empty.mbox')).rejects.toThrow(
      new UnreadableFileError('empty.mbox', 'empty file'),
    )
    await expect(runAdapterOn(parseEmail, '\n\r\n', 'blank.eml')).rejects.toThrow(
      new UnreadableFileError('blank.eml', 'empty file'),
    )
  })
})

describe('parseEmail: streaming', () => {
  it('yields the first message before the rest of a long mbox is read', async () => {
    const message = (i: number): string =>
      [
        `From warga${i}@gmail.com Wed Dec  1 02:12:45 2021`,
        `Message-ID: <m${i}@mail.gmail.com>`,
        'Date: Wed, 1 Dec 2021 09:12:45 +0700',
        `From: warga${i}@gmail.com`,
        'To: callcenter.djpk@kemenkeu.go.id',
        `Subject: Pertanyaan ${i}`,
        '',
        'Isi pesan.',
        '',
        '',
      ].join('\n')
    let produced = 0
    function* mailbox(): Generator<Buffer> {
      for (; produced < 10_000; produced += 1) yield Buffer.from(message(produced))
    }
    const ctx = {
      fileName: 'big.mbox',
      customerKey: testCustomerKey,
      segmentMap: DEFAULT_SEGMENT_MAP,
      options: DEFAULT_ADAPTER_OPTIONS,
      dateWindow: defaultDateWindow(new Date()),
      note: () => undefined,
    }
    for await (const output of parseEmail(Readable.from(mailbox()), ctx)) {
      expect(output).toMatchObject({ kind: 'ticket', recordNumber: 1 })
      break
    }
    expect(produced).toBeLessThan(100)
  })
})
