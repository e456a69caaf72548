import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { emailAdapter } from '../../../src/adapters/email/email-adapter.js'
import { parseEmail } from '../../../src/adapters/email/email.js'
import type { AdapterOutput } from '../../../src/domain/adapter-output.js'
import { mergeTicketEvents } from '../../../src/domain/merge-ticket.js'
import type { Segment } from '../../../src/domain/segment.js'
import type { TicketEvent } from '../../../src/domain/ticket-event.js'
import { toWibMonth } from '../../../src/domain/wib-month.js'
import { fixturePath, runAdapter, testCustomerKey } from '../run-adapter.js'

interface CustomerFields {
  topic: string
  subject: string | null
  segment: Segment
  from: string
}

function customerTicket(
  recordNumber: number,
  sourceTicketId: string,
  openedAt: string,
  fields: CustomerFields,
): AdapterOutput {
  return {
    kind: 'ticket',
    recordNumber,
    event: {
      channel: 'email',
      sourceTicketId,
      openedAt: new Date(openedAt),
      firstResponseAt: null,
      closedAt: null,
      status: 'open',
      agent: null,
      topic: fields.topic,
      segment: fields.segment,
      subject: fields.subject,
      customerKey: testCustomerKey(fields.from),
      messageCount: null,
      raw: expect.any(Object) as Record<string, unknown>,
    },
  }
}

function agentReply(
  recordNumber: number,
  sourceTicketId: string,
  at: string,
  agent: string,
): AdapterOutput {
  return {
    kind: 'ticket',
    recordNumber,
    skipReason: 'agent reply',
    event: {
      channel: 'email',
      sourceTicketId,
      openedAt: null,
      firstResponseAt: new Date(at),
      closedAt: null,
      status: 'resolved',
      agent,
      topic: null,
      segment: null,
      subject: null,
      customerKey: null,
      messageCount: null,
      raw: expect.any(Object) as Record<string, unknown>,
    },
  }
}

const fixtureText = (name: string): string => readFileSync(fixturePath(`email/${name}`), 'utf8')

function eventsOf(outputs: AdapterOutput[]): TicketEvent[] {
  return outputs.flatMap((output) => (output.kind === 'ticket' ? [output.event] : []))
}

function reasonOf(output: AdapterOutput): string | undefined {
  if (output.kind === 'ticket') return output.skipReason
  return output.kind === 'document' ? undefined : output.reason
}

const mergeAll = (events: TicketEvent[]): TicketEvent =>
  events.reduce((a, b) => mergeTicketEvents(a, b))

const sampleTicket = customerTicket(1, 'CAB1x9=abc123@mail.gmail.com', '2021-12-01T02:12:45Z', {
  topic: 'Pertanyaan DAU Tahap II',
  subject: 'Pertanyaan DAU Tahap II',
  segment: 'pemda',
  from: 'budi@bpkad.slemankab.go.id',
})
const sampleReply = agentReply(2, 'CAB1x9=abc123@mail.gmail.com', '2021-12-01T03:40:02Z', 'Rina')

describe('parseEmail: consultation inbox', () => {
  it('names its version', () => {
    expect(emailAdapter.version).toBe('email@2')
  })

  it('reads the format page sample: one ticket, the reply counted as skipped', async () => {
    const outputs = await runAdapter(parseEmail, 'email/sample-thread.mbox')
    expect(outputs).toEqual([sampleTicket, sampleReply])
    expect(outputs[0]).toMatchObject({
      event: {
        raw: {
          'Message-ID': '<CAB1x9=abc123@mail.gmail.com>',
          Date: 'Wed, 1 Dec 2021 09:12:45 +0700',
          From: '"Budi BPKAD" <budi@bpkad.slemankab.go.id>',
          To: 'callcenter.djpk@kemenkeu.go.id',
          Subject: '=?UTF-8?B?UGVydGFueWFhbiBEQVUgVGFoYXAgSUk=?=',
        },
      },
    })
    expect(mergeAll(eventsOf(outputs))).toMatchObject({
      sourceTicketId: 'CAB1x9=abc123@mail.gmail.com',
      openedAt: new Date('2021-12-01T02:12:45Z'),
      firstResponseAt: new Date('2021-12-01T03:40:02Z'),
      status: 'resolved',
      agent: 'Rina',
      topic: 'Pertanyaan DAU Tahap II',
      segment: 'pemda',
      customerKey: testCustomerKey('budi@bpkad.slemankab.go.id'),
    })
  })

  it('reads CRLF files the same as LF files', async () => {
    expect(await runAdapter(parseEmail, 'email/crlf-thread.mbox')).toEqual([
      sampleTicket,
      sampleReply,
    ])
  })

  it('gives the same ticket when the reply comes before the question, in any order', async () => {
    const outputs = await runAdapter(parseEmail, 'email/reply-before-question.mbox')
    const id = 'a1b2c3d4.5e6f@mail.yahoo.co.id'
    expect(outputs).toEqual([
      agentReply(1, id, '2021-01-15T07:05:10Z', 'Rina Agustina'),
      customerTicket(2, id, '2021-01-15T02:30:00Z', {
        topic: 'Rincian DAK Fisik 2021',
        subject: 'Rincian DAK Fisik 2021',
        segment: 'lainnya',
        from: 'dewi.lestari@yahoo.co.id',
      }),
    ])
    const [reply, question] = eventsOf(outputs) as [TicketEvent, TicketEvent]
    const replyFirst = { ...mergeTicketEvents(reply, question), raw: {} }
    const questionFirst = { ...mergeTicketEvents(question, reply), raw: {} }
    expect(replyFirst).toEqual(questionFirst)
    expect(replyFirst).toMatchObject({
      openedAt: new Date('2021-01-15T02:30:00Z'),
      status: 'resolved',
    })
  })

  it('threads by the first References id, else In-Reply-To', async () => {
    const ahmad = { segment: 'mahasiswa', from: 'ahmad@unpad.ac.id' } as const
    expect(await runAdapter(parseEmail, 'email/thread-headers.mbox')).toEqual([
      customerTicket(1, 'root-1@unpad.ac.id', '2021-03-01T01:00:00Z', {
        ...ahmad,
        topic: 'Data transfer ke daerah untuk skripsi',
        subject: 'Data transfer ke daerah untuk skripsi',
      }),
      agentReply(2, 'root-1@unpad.ac.id', '2021-03-01T03:00:00Z', 'sari@kemenkeu.go.id'),
      // A follow-up leaves the subject to the thread's first message.
      customerTicket(3, 'root-1@unpad.ac.id', '2021-03-02T02:00:00Z', {
        ...ahmad,
        topic: 'Data transfer ke daerah untuk skripsi',
        subject: null,
      }),
      customerTicket(4, 'reply-9@kemenkeu.go.id', '2021-03-03T02:00:00Z', {
        ...ahmad,
        topic: 'Dana bagi hasil',
        subject: null,
      }),
    ])
  })

  it('threads header-less messages by sender and subject within 14 days', async () => {
    const siti = { segment: 'lainnya', from: 'siti.rahma@gmail.com' } as const
    expect(await runAdapter(parseEmail, 'email/subject-threading.mbox')).toEqual([
      customerTicket(1, 's1@mail.gmail.com', '2021-03-01T01:00:00Z', {
        ...siti,
        topic: 'Pertanyaan Dana Desa',
        subject: 'Pertanyaan Dana Desa',
      }),
      // Balas:/RE:, a different case and a doubled space: the same subject, 10 days later.
      customerTicket(2, 's1@mail.gmail.com', '2021-03-11T01:00:00Z', {
        ...siti,
        topic: 'pertanyaan dana desa',
        subject: null,
      }),
      // Exactly 14 days after the thread's last customer message still joins.
      customerTicket(3, 's1@mail.gmail.com', '2021-03-25T01:00:00Z', {
        ...siti,
        topic: 'Pertanyaan Dana Desa',
        subject: null,
      }),
      // 14 days and one second later opens a new ticket.
      customerTicket(4, 's4@mail.gmail.com', '2021-04-08T01:00:01Z', {
        ...siti,
        topic: 'Pertanyaan Dana Desa',
        subject: 'Trs: Pertanyaan Dana Desa',
      }),
      customerTicket(5, 'j5@desa-sukamaju.id', '2021-04-10T01:00:00Z', {
        segment: 'lainnya',
        from: 'joko@desa-sukamaju.id',
        topic: 'Pertanyaan Dana Desa',
        subject: 'Pertanyaan Dana Desa',
      }),
      customerTicket(6, 's6@mail.gmail.com', '2021-04-11T01:00:00Z', {
        ...siti,
        topic: 'Penyaluran BOS',
        subject: 'Penyaluran BOS',
      }),
    ])
  })

  it('treats staff-domain senders (and subdomains) as agents whoever they write to', async () => {
    expect(await runAdapter(parseEmail, 'email/staff-reply-to-someone.mbox')).toEqual([
      agentReply(1, 'q-77@bpkad.bantulkab.go.id', '2021-02-02T04:00:00Z', 'Andi Pratama (DJPK)'),
      // Without In-Reply-To/References it adds a reply-only row under its own id.
      agentReply(2, 'new-mail-9@kemenkeu.go.id', '2021-02-02T05:00:00Z', 'helpdesk@kemenkeu.go.id'),
      customerTicket(3, 'lookalike-10@notkemenkeu.go.id', '2021-02-02T06:00:00Z', {
        topic: 'Bukan domain staf',
        subject: 'Bukan domain staf',
        segment: 'kementerian_lembaga',
        from: 'petugas@notkemenkeu.go.id',
      }),
    ])
  })

  it('takes the staff domain from the options', async () => {
    const outputs = await runAdapter(parseEmail, 'email/staff-reply-to-someone.mbox', {
      staffDomain: 'notkemenkeu.go.id',
    })
    expect(outputs.map(reasonOf)).toEqual(['unknown inbox', 'unknown inbox', 'agent reply'])
  })

  it('rejects a message for neither inbox', async () => {
    expect(await runAdapter(parseEmail, 'email/unknown-inbox.eml')).toEqual([
      {
        kind: 'reject',
        recordNumber: 1,
        reason: 'unknown inbox',
        raw: fixtureText('unknown-inbox.eml'),
      },
    ])
  })

  it('lets Delivered-To decide before To', async () => {
    expect(await runAdapter(parseEmail, 'email/delivered-to-precedence.eml')).toEqual([
      { kind: 'skip', recordNumber: 1, reason: 'no attachment' },
    ])
  })

  it('takes the consultation inbox when one header names both', async () => {
    expect(await runAdapter(parseEmail, 'email/both-inboxes-in-one-header.eml')).toEqual([
      customerTicket(1, 'both-1@pemkot-malang.go.id', '2021-02-05T04:00:00Z', {
        topic: 'Pertanyaan sekaligus laporan',
        subject: 'Pertanyaan sekaligus laporan',
        segment: 'pemda',
        from: 'keuangan@malangkota.go.id',
      }),
    ])
  })

  it('keeps the Date offset: 23:30 UTC on 30 November is a December (WIB) ticket', async () => {
    const outputs = await runAdapter(parseEmail, 'email/date-offset-crosses-wib-month.eml')
    expect(outputs).toEqual([
      customerTicket(1, 'late-night-1@outlook.com', '2021-11-30T23:30:00Z', {
        topic: 'Dana BOS',
        subject: 'Dana BOS',
        segment: 'lainnya',
        from: 'yusuf.m@outlook.com',
      }),
    ])
    expect(toWibMonth(eventsOf(outputs)[0]!.openedAt!)).toBe('2021-12')
  })

  it('falls back to the topmost Received date when Date does not parse', async () => {
    expect(await runAdapter(parseEmail, 'email/bad-date-received-fallback.eml')).toEqual([
      customerTicket(1, 'bad-date-1@smtp.desa.id', '2021-12-01T02:15:02Z', {
        topic: 'Dana Desa tahap III',
        subject: 'Dana Desa tahap III',
        segment: 'lainnya',
        from: 'kades@desa.id',
      }),
    ])
  })

  it('falls back to the topmost Received date when Date is missing', async () => {
    expect(await runAdapter(parseEmail, 'email/missing-date-received-fallback.eml')).toEqual([
      customerTicket(1, 'no-date-1@mail.example.com', '2021-12-02T16:59:59Z', {
        topic: 'Tanpa tanggal',
        subject: 'Tanpa tanggal',
        segment: 'lainnya',
        from: 'warga@mail.example.com',
      }),
    ])
  })

  it('rejects a message with neither a usable Date nor a Received date, never using "now"', async () => {
    expect(await runAdapter(parseEmail, 'email/no-date-no-received.eml')).toEqual([
      {
        kind: 'reject',
        recordNumber: 1,
        reason: 'unparseable Date "kemarin sore" and no Received header',
        raw: fixtureText('no-date-no-received.eml'),
      },
    ])
  })

  it('skips auto-replies, also from staff, but not Auto-Submitted: no nor Precedence: bulk alone', async () => {
    expect(await runAdapter(parseEmail, 'email/auto-replies.mbox')).toEqual([
      { kind: 'skip', recordNumber: 1, reason: 'auto-reply' },
      { kind: 'skip', recordNumber: 2, reason: 'auto-reply' },
      customerTicket(3, 'bulk-3@berita.example.com', '2021-12-06T03:00:00Z', {
        topic: 'Berita mingguan',
        subject: 'Berita mingguan',
        segment: 'lainnya',
        from: 'newsletter@berita.example.com',
      }),
      { kind: 'skip', recordNumber: 4, reason: 'auto-reply' },
      customerTicket(5, 'human-5@mail.gmail.com', '2021-12-06T05:00:00Z', {
        topic: 'Pertanyaan manusia',
        subject: 'Pertanyaan manusia',
        segment: 'lainnya',
        from: 'warga@gmail.com',
      }),
    ])
  })

  it('skips bounces: multipart/report and message/delivery-status parts', async () => {
    expect(await runAdapter(parseEmail, 'email/bounce-multipart-report.eml')).toEqual([
      { kind: 'skip', recordNumber: 1, reason: 'bounce' },
    ])
    expect(await runAdapter(parseEmail, 'email/bounce-delivery-status-part.eml')).toEqual([
      { kind: 'skip', recordNumber: 1, reason: 'bounce' },
    ])
  })

  it('reads an .eml as one message even with an envelope line and a From line in its body', async () => {
    expect(await runAdapter(parseEmail, 'email/eml-with-envelope-from-line.eml')).toEqual([
      customerTicket(1, 'envelope-1@mail.gmail.com', '2021-12-09T01:00:00Z', {
        topic: 'Saved with its envelope line',
        subject: 'Saved with its envelope line',
        segment: 'lainnya',
        from: 'rahmat@gmail.com',
      }),
    ])
  })

  it('unescapes >From lines and does not split at a From line that follows text', async () => {
    expect(await runAdapter(parseEmail, 'email/mboxrd-from-escapes.mbox')).toEqual([
      customerTicket(1, 'escaped-1@mail.gmail.com', '2021-12-08T01:00:00Z', {
        topic: 'Kutipan surat',
        subject: 'Kutipan surat',
        segment: 'lainnya',
        from: 'warga@gmail.com',
      }),
      customerTicket(2, 'escaped-2@mail.gmail.com', '2021-12-08T02:00:00Z', {
        topic: 'Pesan kedua',
        subject: 'Pesan kedua',
        segment: 'lainnya',
        from: 'warga2@gmail.com',
      }),
    ])
  })
})
