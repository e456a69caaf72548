import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { defaultDateWindow } from '../../../src/config.js'
import { DEFAULT_ADAPTER_OPTIONS } from '../../../src/services.js'
import { parseSociomile } from '../../../src/adapters/whatsapp/sociomile.js'
import type { AdapterOutput } from '../../../src/domain/adapter-output.js'
import { DEFAULT_SEGMENT_MAP } from '../../../src/domain/segment.js'
import { toWibMonth } from '../../../src/domain/wib-month.js'
import { fixturePath, runAdapterUntilFailure, testCustomerKey } from '../run-adapter.js'
import { UnreadableFileError } from '../../../src/errors.js'
import { HEADER, recordOf, reject, rinaTicket, run, ticket, wib } from './sociomile-expect.js'

const SAMPLE_OUTPUTS: AdapterOutput[] = [
  ticket(1, {
    sourceTicketId: '64f934118da23ffa50006002',
    openedAt: new Date('2021-12-01T02:23:00Z'),
    firstResponseAt: new Date('2021-12-01T02:30:00Z'),
    closedAt: new Date('2021-12-01T03:02:00Z'),
    status: 'resolved',
    agent: 'Rina',
    topic: 'Dana Alokasi Umum',
    segment: 'pemda',
    subject: 'Tanya DAU tahap II',
    customerKey: testCustomerKey('6281234567890'),
    raw: {
      'Ticket ID': '64f934118da23ffa50006002',
      Channel: 'WhatsApp',
      'Customer Name': 'Budi Santoso',
      'Customer Phone': '6281234567890',
      Subject: 'Tanya DAU tahap II',
      Category: 'Dana Alokasi Umum',
      'Customer Type': 'Pemda',
      Status: 'Resolved',
      Agent: 'Rina',
      'Created At': '01/12/2021 09:23',
      'First Response At': '01/12/2021 09:30',
      'Resolved At': '01/12/2021 10:02',
    },
  }),
  ticket(2, {
    sourceTicketId: '64f93a2c8da23ffa50006011',
    openedAt: new Date('2021-12-01T02:49:00Z'),
    status: 'pending',
    agent: 'Agus',
    topic: 'SIKD',
    segment: 'pemda',
    subject: 'Upload laporan; gagal',
    customerKey: testCustomerKey('6285712345678'),
    raw: {
      'Ticket ID': '64f93a2c8da23ffa50006011',
      Channel: 'WhatsApp',
      'Customer Name': 'BPKAD Sleman',
      'Customer Phone': '+62 857-1234-5678',
      Subject: 'Upload laporan; gagal',
      Category: 'SIKD',
      'Customer Type': 'Pemerintah Daerah',
      Status: 'Diproses',
      Agent: 'Agus',
      'Created At': '01 Des 2021 09:49',
      'First Response At': '',
      'Resolved At': '',
    },
  }),
  ticket(3, {
    sourceTicketId: '64f94b0e8da23ffa5000602a',
    openedAt: new Date('2021-12-01T04:01:00Z'),
    closedAt: new Date('2021-12-01T04:20:00Z'),
    status: 'resolved',
    agent: 'Rina',
    topic: 'Dana Bagi Hasil',
    segment: 'mahasiswa',
    subject: 'Info DBH CHT',
    customerKey: testCustomerKey('6287788990011'),
    raw: recordOf(
      '64f94b0e8da23ffa5000602a;WA;Siti A.;087788990011;Info DBH CHT;Dana Bagi Hasil;Mahasiswa;Selesai;Rina;2021-12-01 11:01:00;;2021-12-01 11:20:00',
    ),
  }),
]

describe('parseSociomile: file shapes', () => {
  it('reads the format page sample (BOM, `;`, CRLF, day-first, a quoted `;`)', async () => {
    expect(await run('sample-bom-semicolon.csv')).toEqual(SAMPLE_OUTPUTS)
  })

  it('reads the same rows with LF line endings and no BOM identically', async () => {
    const crlf = readFileSync(fixturePath('whatsapp/sample-bom-semicolon.csv'), 'utf8')
    const lf = readFileSync(fixturePath('whatsapp/lf-line-endings.csv'), 'utf8')
    expect(crlf.startsWith('\uFEFF') && crlf.includes('\r\n')).toBe(true)
    expect(lf.includes('\r')).toBe(false)
    expect(await run('lf-line-endings.csv')).toEqual(SAMPLE_OUTPUTS)
  })

  it('sniffs `,` as the separator, keeping a quoted comma inside a field', async () => {
    expect(await run('comma-separated-lf.csv')).toEqual([
      ticket(1, {
        sourceTicketId: '64fa10008da23ffa50006101',
        openedAt: wib('2021-12-02T08:15'),
        firstResponseAt: wib('2021-12-02T08:20'),
        closedAt: wib('2021-12-02T09:00'),
        status: 'resolved',
        agent: 'Rina',
        topic: 'Dana Alokasi Khusus',
        segment: 'pemda',
        subject: 'Tanya DAK fisik, tahap 2',
        customerKey: testCustomerKey('6281322334455'),
        raw: {
          'Ticket ID': '64fa10008da23ffa50006101',
          Channel: 'WhatsApp',
          'Customer Name': 'Dewi Lestari',
          'Customer Phone': '081322334455',
          Subject: 'Tanya DAK fisik, tahap 2',
          Category: 'Dana Alokasi Khusus',
          'Customer Type': 'Pemda',
          Status: 'Resolved',
          Agent: 'Rina',
          'Created At': '02/12/2021 08:15',
          'First Response At': '02/12/2021 08:20',
          'Resolved At': '02/12/2021 09:00',
        },
      }),
      ticket(2, {
        sourceTicketId: '64fa10008da23ffa50006102',
        openedAt: wib('2021-12-02T13:05'),
        status: 'open',
        topic: 'SIKD',
        subject: 'Info SIKD',
        customerKey: testCustomerKey('6285611112222'),
        raw: recordOf(
          '64fa10008da23ffa50006102,WA,Andi,6285611112222,Info SIKD,SIKD,,Open,,02/12/2021 13:05,,'.replaceAll(
            ',',
            ';',
          ),
        ),
      }),
    ])
  })

  it('keeps a quoted multi-line field holding `;` and doubled quotes', async () => {
    expect(await run('quoted-multiline.csv')).toEqual([
      ticket(1, {
        sourceTicketId: '64faa0008da23ffa50006a01',
        openedAt: wib('2021-12-01T09:23'),
        closedAt: wib('2021-12-01T10:00'),
        status: 'resolved',
        agent: 'Rina',
        topic: 'SIKD',
        segment: 'pemda',
        subject: 'Mohon info:\nupload laporan; gagal "error 500"\nterima kasih',
        customerKey: testCustomerKey('081200000001'),
        raw: {
          'Ticket ID': '64faa0008da23ffa50006a01',
          Channel: 'WhatsApp',
          'Customer Name': 'Pak "Har" Suharno',
          'Customer Phone': '081200000001',
          Subject: 'Mohon info:\nupload laporan; gagal "error 500"\nterima kasih',
          Category: 'SIKD',
          'Customer Type': 'Pemda',
          Status: 'Selesai',
          Agent: 'Rina',
          'Created At': '01/12/2021 09:23',
          'First Response At': '',
          'Resolved At': '01/12/2021 10:00',
        },
      }),
      rinaTicket(
        2,
        '64faa0008da23ffa50006a02;WhatsApp;Nina;081200000002;Tanya DAU;Dana Alokasi Umum;Pemda;Selesai;Rina;01/12/2021 09:30;;',
      ),
    ])
  })

  it('does not count blank lines or rows of bare separators (Excel empty rows) as records', async () => {
    expect(await run('blank-rows.csv')).toEqual([
      rinaTicket(
        1,
        '64fb60008da23ffa50007301;WhatsApp;Budi;081234567890;Tanya DAU;Dana Alokasi Umum;Pemda;Selesai;Rina;01/12/2021 09:23;;',
      ),
      rinaTicket(
        2,
        '64fb60008da23ffa50007302;WhatsApp;Budi;081234567890;Tanya DAK;Dana Alokasi Khusus;Pemda;Selesai;Rina;01/12/2021 09:24;;',
      ),
    ])
  })

  it('fails a file cut inside a quoted field where reading stopped, after the rows before it', async () => {
    // An export cut short while a quoted Subject was being written: the end of the file is inside it.
    expect(await runAdapterUntilFailure(parseSociomile, 'whatsapp/unterminated-quote.csv')).toEqual(
      [
        rinaTicket(
          1,
          '64fb50008da23ffa50007201;WhatsApp;Budi;081234567890;Tanya DAU;Dana Alokasi Umum;Pemda;Selesai;Rina;01/12/2021 09:23;;',
        ),
        new UnreadableFileError(
          'unterminated-quote.csv',
          'reading stopped after record 1 (byte 487): unterminated quote starting at line 3',
        ),
      ],
    )
  })

  it('reads the first sheet of an XLSX: Date cells, serials in number cells, text dates, numeric ids', async () => {
    expect(await run('date-cells.xlsx')).toEqual([
      ticket(1, {
        sourceTicketId: '64fb40008da23ffa50007101',
        openedAt: new Date('2021-11-30T16:30:00Z'),
        firstResponseAt: new Date('2021-11-30T16:45:00Z'),
        closedAt: new Date('2021-12-01T01:00:00Z'),
        status: 'resolved',
        agent: 'Rina',
        topic: 'Dana Alokasi Umum',
        segment: 'pemda',
        subject: 'Tanya DAU',
        customerKey: testCustomerKey('081234567890'),
        raw: {
          'Ticket ID': '64fb40008da23ffa50007101',
          Channel: 'WhatsApp',
          'Customer Name': 'Budi',
          'Customer Phone': '081234567890',
          Subject: 'Tanya DAU',
          Category: 'Dana Alokasi Umum',
          'Customer Type': 'Pemda',
          Status: 'Selesai',
          Agent: 'Rina',
          'Created At': '2021-11-30 23:30:00',
          'First Response At': '2021-11-30 23:45:00',
          'Resolved At': '2021-12-01 08:00:00',
        },
      }),
      ticket(2, {
        sourceTicketId: '649123',
        openedAt: new Date('2021-11-30T17:10:00Z'),
        firstResponseAt: new Date('2021-12-01T02:00:00Z'),
        status: 'pending',
        agent: 'Agus',
        topic: 'Transfer ke Daerah',
        segment: 'mahasiswa',
        subject: 'Info TKD',
        customerKey: testCustomerKey('6287711223344'),
        raw: {
          'Ticket ID': '649123',
          Channel: 'WA',
          'Customer Name': 'Sari',
          'Customer Phone': '6287711223344',
          Subject: 'Info TKD',
          Category: 'Transfer ke Daerah',
          'Customer Type': 'Mahasiswa',
          Status: 'Diproses',
          Agent: 'Agus',
          'Created At': '44531.006944444445',
          'First Response At': '44531.375',
          'Resolved At': '',
        },
      }),
      ticket(3, {
        sourceTicketId: '64fb40008da23ffa50007103',
        openedAt: new Date('2021-12-01T02:49:00Z'),
        firstResponseAt: new Date('2021-12-01T02:55:00Z'),
        closedAt: new Date('2021-12-01T03:30:00Z'),
        status: 'resolved',
        agent: 'Rina',
        topic: 'SIKD',
        segment: 'pemda',
        subject: 'Upload laporan',
        customerKey: testCustomerKey('6285712345678'),
        raw: {
          'Ticket ID': '64fb40008da23ffa50007103',
          Channel: 'WhatsApp',
          'Customer Name': 'Dewi',
          'Customer Phone': '+62 857-1234-5678',
          Subject: 'Upload laporan',
          Category: 'SIKD',
          'Customer Type': 'BPKAD',
          Status: 'Resolved',
          Agent: 'Rina',
          'Created At': '01 Des 2021 09:49',
          'First Response At': '01/12/2021 09:55',
          'Resolved At': '2021-12-01 10:30:00',
        },
      }),
      reject(
        4,
        'id mangled by Excel',
        '["6.49e+23","WhatsApp","Joko","081255550001","Tanya DAK","Dana Alokasi Khusus","Pemda","Selesai","Rina","2021-12-02 08:00:00"]',
      ),
    ])
  })

  it('streams: the first tickets come out before a large input has been read', async () => {
    const total = 200_000
    let produced = 0
    function* lines(): Generator<string> {
      yield `${HEADER}\n`
      for (; produced < total; produced += 1) {
        yield `64fb7000${String(produced).padStart(16, '0')};WA;;081234567890;;;;Open;;01/12/2021 09:00;;\n`
      }
    }
    const ctx = {
      fileName: 'big.csv',
      customerKey: testCustomerKey,
      segmentMap: DEFAULT_SEGMENT_MAP,
      options: DEFAULT_ADAPTER_OPTIONS,
      dateWindow: defaultDateWindow(new Date()),
      note: () => undefined,
    }
    let seen = 0
    for await (const output of parseSociomile(Readable.from(lines()), ctx)) {
      expect(output.kind).toBe('ticket')
      if (++seen === 3) break
    }
    expect(produced).toBeLessThan(total / 10)
  })
})

describe('parseSociomile: dates', () => {
  it('reads Indonesian month names: Des, Agustus, Agt, Agst, Sept, Mei', async () => {
    const lines = [
      '64fa20008da23ffa50006201;WhatsApp;Rudi;081211110001;Tanya DAU;Dana Alokasi Umum;Pemda;Selesai;Rina;01 Des 2021 09:49;01 Des 2021 09:55;01 Des 2021 10:30',
      '64fa20008da23ffa50006202;WhatsApp;Rudi;081211110001;Tanya DAK;Dana Alokasi Khusus;Pemda;Selesai;Agus;5 Agustus 2021 10:00;5 Agustus 2021 10:05;',
      '64fa20008da23ffa50006203;WhatsApp;Rudi;081211110001;Tanya DBH;Dana Bagi Hasil;Pemda;Selesai;Agus;3 Agt 2021 14:15;;',
      '64fa20008da23ffa50006204;WhatsApp;Rudi;081211110001;Tanya DID;Dana Insentif Daerah;Pemda;Selesai;Agus;4 Agst 2021 08:00;;',
      '64fa20008da23ffa50006205;WhatsApp;Rudi;081211110001;Tanya SIKD;SIKD;Pemda;Selesai;Agus;7 Sept 2021 16:45;;',
      '64fa20008da23ffa50006206;WhatsApp;Rudi;081211110001;Tanya Dana Desa;Dana Desa;Pemda;Selesai;Agus;12 Mei 2021 09:30;;',
    ] as const
    expect(await run('indonesian-month-names.csv')).toEqual([
      rinaTicket(1, lines[0], {
        openedAt: new Date('2021-12-01T02:49:00Z'),
        firstResponseAt: new Date('2021-12-01T02:55:00Z'),
        closedAt: new Date('2021-12-01T03:30:00Z'),
      }),
      rinaTicket(2, lines[1], {
        openedAt: new Date('2021-08-05T03:00:00Z'),
        firstResponseAt: new Date('2021-08-05T03:05:00Z'),
        agent: 'Agus',
      }),
      rinaTicket(3, lines[2], { openedAt: new Date('2021-08-03T07:15:00Z'), agent: 'Agus' }),
      rinaTicket(4, lines[3], { openedAt: new Date('2021-08-04T01:00:00Z'), agent: 'Agus' }),
      rinaTicket(5, lines[4], { openedAt: new Date('2021-09-07T09:45:00Z'), agent: 'Agus' }),
      rinaTicket(6, lines[5], { openedAt: new Date('2021-05-12T02:30:00Z'), agent: 'Agus' }),
    ])
  })

  it('reads dates day-first: 03/04/2021 and 03-04-2021 are 3 April', async () => {
    const lines = [
      '64fa30008da23ffa50006301;WhatsApp;Lina;081233330001;Tanya DAU;Dana Alokasi Umum;Pemda;Selesai;Rina;03/04/2021 10:00;03/04/2021 10:15;13/04/2021 16:00',
      '64fa30008da23ffa50006302;WhatsApp;Lina;081233330001;Tanya DAK;Dana Alokasi Khusus;Pemda;Selesai;Rina;03-04-2021 10:00:30;03-04-2021 10:20:00;',
      '64fa30008da23ffa50006303;WhatsApp;Lina;081233330001;Tanya DBH;Dana Bagi Hasil;Pemda;Diproses;Rina;3/4/2021 6:05;;',
    ] as const
    expect(await run('day-first-dates.csv')).toEqual([
      rinaTicket(1, lines[0], {
        openedAt: new Date('2021-04-03T03:00:00Z'),
        firstResponseAt: new Date('2021-04-03T03:15:00Z'),
        closedAt: new Date('2021-04-13T09:00:00Z'),
      }),
      rinaTicket(2, lines[1], {
        openedAt: new Date('2021-04-03T03:00:30Z'),
        firstResponseAt: new Date('2021-04-03T03:20:00Z'),
      }),
      rinaTicket(3, lines[2], { openedAt: new Date('2021-04-02T23:05:00Z'), status: 'pending' }),
    ])
  })

  it('honours ISO 8601 offsets (+07:00, +0700, Z) and fractional seconds', async () => {
    const lines = [
      '64fa40008da23ffa50006401;WhatsApp;Eko;081244440001;Tanya DAU;Dana Alokasi Umum;Pemda;Selesai;Rina;2021-12-01T09:23:00+07:00;2021-12-01T02:30:00Z;2021-12-01T10:02:00+0700',
      '64fa40008da23ffa50006402;WhatsApp;Eko;081244440001;Tanya DAK;Dana Alokasi Khusus;Pemda;Selesai;Rina;2021-12-01T09:23:00+0700;;',
      '64fa40008da23ffa50006403;WhatsApp;Eko;081244440001;Tanya DBH;Dana Bagi Hasil;Pemda;Selesai;Rina;2021-11-30T20:00:00Z;;',
      '64fa40008da23ffa50006404;WhatsApp;Eko;081244440001;Tanya DID;Dana Insentif Daerah;Pemda;Selesai;Rina;2021-12-01T09:23:00.000+07:00;;',
    ] as const
    const outputs = await run('iso-offsets.csv')
    expect(outputs).toEqual([
      rinaTicket(1, lines[0], {
        openedAt: new Date('2021-12-01T02:23:00Z'),
        firstResponseAt: new Date('2021-12-01T02:30:00Z'),
        closedAt: new Date('2021-12-01T03:02:00Z'),
      }),
      rinaTicket(2, lines[1], { openedAt: new Date('2021-12-01T02:23:00Z') }),
      rinaTicket(3, lines[2], { openedAt: new Date('2021-11-30T20:00:00Z') }),
      rinaTicket(4, lines[3], { openedAt: new Date('2021-12-01T02:23:00Z') }),
    ])
    // 2021-11-30T20:00Z is 1 December 03:00 WIB: a December ticket.
    expect(toWibMonth(new Date('2021-11-30T20:00:00Z'))).toBe('2021-12')
  })

  it('puts 30/11/2021 23:30 WIB in November and 01/12/2021 00:10 WIB in December', async () => {
    const lines = [
      '64fb30008da23ffa50007001;WhatsApp;Budi;081234567890;Tanya DAU;Dana Alokasi Umum;Pemda;Selesai;Rina;30/11/2021 23:30;30/11/2021 23:59;01/12/2021 00:05',
      '64fb30008da23ffa50007002;WhatsApp;Budi;081234567890;Tanya DAK;Dana Alokasi Khusus;Pemda;Selesai;Rina;01/12/2021 00:10;01/12/2021 00:15;',
    ] as const
    const outputs = await run('wib-month-edge.csv')
    expect(outputs).toEqual([
      rinaTicket(1, lines[0], {
        openedAt: new Date('2021-11-30T16:30:00Z'),
        firstResponseAt: new Date('2021-11-30T16:59:00Z'),
        closedAt: new Date('2021-11-30T17:05:00Z'),
      }),
      rinaTicket(2, lines[1], {
        openedAt: new Date('2021-11-30T17:10:00Z'),
        firstResponseAt: new Date('2021-11-30T17:15:00Z'),
      }),
    ])
    const months = outputs.map((o) =>
      o.kind === 'ticket' && o.event.openedAt ? toWibMonth(o.event.openedAt) : null,
    )
    expect(months).toEqual(['2021-11', '2021-12'])
  })

  it('rejects a row whose Created At is missing or not a date (31/02, hour 24, free text)', async () => {
    const line = (n: number, subject: string, topic: string, created: string) =>
      `64fa70008da23ffa5000670${n};WhatsApp;Wati;081277770001;${subject};${topic};Pemda;Selesai;Rina;${created};;`
    expect(await run('bad-created-at.csv')).toEqual([
      reject(
        1,
        'unparseable Created At: 31/02/2021 10:00',
        line(1, 'Tanya DAU', 'Dana Alokasi Umum', '31/02/2021 10:00'),
      ),
      reject(
        2,
        'unparseable Created At: kemarin sore',
        line(2, 'Tanya DAK', 'Dana Alokasi Khusus', 'kemarin sore'),
      ),
      reject(3, 'missing Created At', line(3, 'Tanya DBH', 'Dana Bagi Hasil', '')),
      reject(
        4,
        'unparseable Created At: 01/12/2021 24:00',
        line(4, 'Tanya DID', 'Dana Insentif Daerah', '01/12/2021 24:00'),
      ),
      rinaTicket(5, line(5, 'Tanya SIKD', 'SIKD', '01/12/2021 09:23')),
    ])
  })

  it('leaves an unparseable optional date empty with a warning', async () => {
    const lines = [
      '64fa80008da23ffa50006801;WhatsApp;Yanti;081288880001;Tanya DAU;Dana Alokasi Umum;Pemda;Selesai;Rina;01/12/2021 09:23;belum dibalas;01/12/2021 10:02',
      '64fa80008da23ffa50006802;WhatsApp;Yanti;081288880001;Tanya DAK;Dana Alokasi Khusus;Pemda;Selesai;Rina;01/12/2021 09:24;01/12/2021 09:30;32/12/2021 10:00',
      '64fa80008da23ffa50006803;WhatsApp;Yanti;081288880001;Tanya DBH;Dana Bagi Hasil;Pemda;Selesai;Rina;01/12/2021 09:25;-;#VALUE!',
    ] as const
    expect(await run('bad-optional-date.csv')).toEqual([
      {
        ...rinaTicket(1, lines[0], { closedAt: wib('2021-12-01T10:02') }),
        warnings: ['unparseable First Response At: belum dibalas'],
      },
      {
        ...rinaTicket(2, lines[1], { firstResponseAt: wib('2021-12-01T09:30') }),
        warnings: ['unparseable Resolved At: 32/12/2021 10:00'],
      },
      {
        ...rinaTicket(3, lines[2]),
        warnings: ['unparseable First Response At: -', 'unparseable Resolved At: #VALUE!'],
      },
    ])
  })
})
