import { describe, expect, it } from 'vitest'
import { parseEmail } from '../../../src/adapters/email/email.js'
import type { AdapterOutput } from '../../../src/domain/adapter-output.js'
import { runAdapter } from '../run-adapter.js'

/** One line per output: what the tests below compare. */
function summary(output: AdapterOutput): unknown[] {
  switch (output.kind) {
    case 'ticket': {
      const { event } = output
      const at = (event.openedAt ?? event.firstResponseAt)?.toISOString()
      const described = output.skipReason ? event.agent : event.topic
      return [
        output.recordNumber,
        output.skipReason ?? 'ticket',
        event.sourceTicketId,
        at,
        described,
        output.warnings ?? [],
      ]
    }
    case 'document':
      return [output.recordNumber, 'document', output.document.fileName, output.document.sizeBytes]
    default:
      return [output.recordNumber, output.kind, output.reason]
  }
}

const read = async (fixture: string): Promise<unknown[][]> =>
  (await runAdapter(parseEmail, `email/${fixture}`)).map(summary)

describe('parseEmail: auto-replies per RFC 3834', () => {
  // Majordomo/LISTSERV lists stamp person-written mail `Precedence: bulk`, Mailman and Google
  // Groups `list`; Outlook puts X-Auto-Response-Suppress on ordinary mail as on its own OOF replies.
  it('never skips for Precedence alone; X-Auto-Response-Suppress only with an auto-reply subject', async () => {
    expect(await read('list-mail-precedence.mbox')).toEqual([
      [
        1,
        'ticket',
        'majordomo-1@mail.gmail.com',
        '2021-12-13T01:00:00.000Z',
        'Pertanyaan dari forum pemda',
        [],
      ],
      [2, 'ticket', 'ggroups-2@googlegroups.com', '2021-12-13T02:00:00.000Z', 'Dana BOS', []],
      [
        3,
        'ticket',
        'junk-3@example.net',
        '2021-12-13T03:00:00.000Z',
        'Pertanyaan transfer daerah',
        [],
      ],
      [4, 'skip', 'auto-reply'],
      [
        5,
        'ticket',
        'outlook-5@bpkad.bantulkab.go.id',
        '2021-12-13T05:00:00.000Z',
        'Realisasi DAU November',
        [],
      ],
      [6, 'skip', 'auto-reply'],
    ])
  })
})

describe('parseEmail: the inbox a message reached', () => {
  // Postfix keeps the Bcc'd or aliased address in X-Original-To (Delivered-To names the expanded
  // mailbox), Exim writes Envelope-to, other relays X-Envelope-To.
  it('reads X-Original-To, Envelope-To and X-Envelope-To before To and Cc', async () => {
    expect(await read('bcc-alias-delivery.mbox')).toEqual([
      [1, 'ticket', 'bcc-1@mail.gmail.com', '2021-12-14T01:00:00.000Z', 'Pertanyaan lewat Bcc', []],
      [2, 'document', 'penyaluran.pdf', 19],
      [3, 'ticket', 'xenv-3@yahoo.co.id', '2021-12-14T03:00:00.000Z', 'Pertanyaan lewat alias', []],
    ])
  })
})

describe('parseEmail: Email Lapor parts', () => {
  // Apple Mail attaches a .txt inline with a file name and an .html without Content-Disposition;
  // Pine sends TEXT/PLAIN; name=… with no Content-Disposition at all.
  it('takes every part with a file name as a document, whatever its type or disposition', async () => {
    expect(await read('lapor-named-text-parts.mbox')).toEqual([
      [1, 'document', 'realisasi.txt', 29],
      [1, 'document', 'rekap.html', 79],
      [2, 'document', 'realisasi-kp.txt', 24],
    ])
  })

  // A mailer that wrote `Content-Type: ; name="x.jpg"`: the part has a name and no type.
  it('reads a part without a media type as application/octet-stream, and goes on', async () => {
    expect(await read('lapor-empty-content-type.mbox')).toEqual([
      [1, 'document', 'x.jpg', 13],
      [2, 'document', 'kedua.pdf', 9],
    ])
  })
})

describe('parseEmail: legacy charsets', () => {
  // Taiwanese, Chinese and Western mailers that put raw Big5, GB2312 or Latin-1 bytes in headers
  // without encoded words, relying on the body's charset; one with no charset at all.
  it('decodes raw 8-bit headers in the declared charset; a guess or U+FFFD is a warning', async () => {
    expect(await read('raw-8bit-headers.mbox')).toEqual([
      [1, 'ticket', 'big5-1@example.com.tw', '2021-12-17T01:00:00.000Z', '請問 DAU 撥款', []],
      [2, 'ticket', 'gb-2@example.cn', '2021-12-17T02:00:00.000Z', '关于转移支付', []],
      [3, 'ticket', 'latin1-3@example.es', '2021-12-17T03:00:00.000Z', 'Información', []],
      [
        4,
        'ticket',
        'nocharset-4@example.pt',
        '2021-12-17T04:00:00.000Z',
        'Pergunta sobre transferências',
        ['Subject: 8-bit text without a declared charset, read as Windows-1252'],
      ],
      [5, 'agent reply', 'latin1-3@example.es', '2021-12-17T05:00:00.000Z', 'Rina Sétiawati', []],
      [
        6,
        'ticket',
        'broken-6@example.com',
        '2021-12-17T06:00:00.000Z',
        'Dana \uFFFD\uFFFD desa',
        ['Subject: text that could not be decoded (U+FFFD)'],
      ],
    ])
  })

  // Outlook Express 6 could send UTF-7 subjects and bodies.
  it('decodes UTF-7 encoded words', async () => {
    expect(await read('utf7-subject.eml')).toEqual([
      [
        1,
        'ticket',
        'utf7-1@outlook-express.example.com',
        '2021-12-18T01:00:00.000Z',
        'Question sur le décaissement',
        [],
      ],
    ])
  })
})

describe('parseEmail: implausible dates', () => {
  // A sender's clock or mailer bug: a Date in the year 3609 on a message received in 2008.
  it('falls back to the topmost Received date when Date is outside the window, with a warning', async () => {
    expect(await read('implausible-date-year-3609.eml')).toEqual([
      [
        1,
        'ticket',
        '3609-1@bpkad.example.go.id',
        '2008-07-15T03:20:30.000Z',
        'Pertanyaan DAK fisik',
        ['implausible Date "Mon, 30 Jun 3609 15:33:50 +0600": the topmost Received date is used'],
      ],
    ])
  })

  // A PC and its relay both at the epoch (clock battery gone).
  it('rejects with implausible date when the Received date is outside the window too', async () => {
    expect(await read('implausible-date-1970.eml')).toEqual([
      [
        1,
        'reject',
        'implausible date: Date "Thu, 1 Jan 1970 07:00:00 +0700" and topmost Received date 1970-01-01T00:00:05.000Z',
      ],
    ])
  })
})
