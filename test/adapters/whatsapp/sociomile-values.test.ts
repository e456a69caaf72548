import { describe, expect, it } from 'vitest'
import { parseSociomile, SOCIOMILE_COLUMNS } from '../../../src/adapters/whatsapp/sociomile.js'
import { mergeTicketEvents } from '../../../src/domain/merge-ticket.js'
import type { TicketEvent } from '../../../src/domain/ticket-event.js'
import { UnreadableFileError } from '../../../src/errors.js'
import { runAdapterOn, testCustomerKey } from '../run-adapter.js'
import { HEADER, recordOf, reject, rinaTicket, run, ticket, wib } from './sociomile-expect.js'

describe('parseSociomile: ids and channel', () => {
  it('rejects ids Excel turned into scientific notation (6.49E+23, 6,49E+23) and keeps numeric ids as text', async () => {
    const line = (id: string, n: number, subject: string, topic: string) =>
      `${id};WhatsApp;Joko;081255550001;${subject};${topic};Pemda;Selesai;Rina;01/12/2021 09:2${n};;`
    expect(await run('excel-mangled-ids.csv')).toEqual([
      reject(1, 'id mangled by Excel', line('6.49E+23', 3, 'Tanya DAU', 'Dana Alokasi Umum')),
      reject(2, 'id mangled by Excel', line('6,49E+23', 4, 'Tanya DAK', 'Dana Alokasi Khusus')),
      reject(3, 'id mangled by Excel', line('6,49123E+23', 5, 'Tanya DBH', 'Dana Bagi Hasil')),
      rinaTicket(4, line('100234', 6, 'Tanya DID', 'Dana Insentif Daerah')),
    ])
  })

  it('rejects a row without a ticket id (empty or blank)', async () => {
    const tail = (n: number, subject: string, topic: string) =>
      `;WhatsApp;Tono;081266660001;${subject};${topic};Pemda;Selesai;Rina;01/12/2021 09:2${n};;`
    expect(await run('missing-ticket-id.csv')).toEqual([
      reject(1, 'missing ticket id', tail(3, 'Tanya DAU', 'Dana Alokasi Umum')),
      reject(2, 'missing ticket id', `   ${tail(4, 'Tanya DAK', 'Dana Alokasi Khusus')}`),
      rinaTicket(3, `64fa60008da23ffa50006601${tail(5, 'Tanya DBH', 'Dana Bagi Hasil')}`),
    ])
  })

  it('rejects another channel (Telegram) and accepts WhatsApp, WA in any case, or no channel', async () => {
    const line = (n: number, channel: string, subject: string, topic: string) =>
      `64fa90008da23ffa5000690${n};${channel};Zul;081299990001;${subject};${topic};Pemda;Selesai;Rina;01/12/2021 09:2${n + 2};;`
    expect(await run('other-channel.csv')).toEqual([
      reject(
        1,
        'unsupported channel: Telegram',
        line(1, 'Telegram', 'Tanya DAU', 'Dana Alokasi Umum'),
      ),
      rinaTicket(2, line(2, 'whatsapp', 'Tanya DAK', 'Dana Alokasi Khusus')),
      rinaTicket(3, line(3, ' wa ', 'Tanya DBH', 'Dana Bagi Hasil')),
      rinaTicket(4, line(4, '', 'Tanya DID', 'Dana Insentif Daerah')),
    ])
  })

  it('emits one event per row of a row-per-message export; the loader merges them', async () => {
    const lines = [
      '64fab0008da23ffa50006b01;WhatsApp;Budi;081234567890;Tanya DAU;;;Open;;01/12/2021 09:00;;',
      '64fab0008da23ffa50006b01;WhatsApp;Budi;081234567890;Tanya DAU;Dana Alokasi Umum;Pemda;Diproses;Agus;01/12/2021 09:00;01/12/2021 09:05;',
      '64fab0008da23ffa50006b02;WhatsApp;Sari;087711223344;Info TKD;Transfer ke Daerah;Mahasiswa;Baru;;01/12/2021 10:00;;',
      '64fab0008da23ffa50006b01;WhatsApp;Budi;081234567890;Tanya DAU;Dana Alokasi Umum;Pemda;Selesai;Rina;01/12/2021 09:00;01/12/2021 09:05;01/12/2021 09:40',
    ] as const
    const budi = {
      sourceTicketId: '64fab0008da23ffa50006b01',
      openedAt: wib('2021-12-01T09:00'),
      subject: 'Tanya DAU',
      customerKey: testCustomerKey('081234567890'),
    }
    const answered = {
      ...budi,
      firstResponseAt: wib('2021-12-01T09:05'),
      topic: 'Dana Alokasi Umum',
      segment: 'pemda',
    } as const
    const outputs = await run('row-per-message.csv')
    expect(outputs).toEqual([
      ticket(1, { ...budi, status: 'open', raw: recordOf(lines[0]) }),
      ticket(2, { ...answered, status: 'pending', agent: 'Agus', raw: recordOf(lines[1]) }),
      ticket(3, {
        sourceTicketId: '64fab0008da23ffa50006b02',
        openedAt: wib('2021-12-01T10:00'),
        status: 'open',
        topic: 'Transfer ke Daerah',
        segment: 'mahasiswa',
        subject: 'Info TKD',
        customerKey: testCustomerKey('087711223344'),
        raw: recordOf(lines[2]),
      }),
      ticket(4, {
        ...answered,
        closedAt: wib('2021-12-01T09:40'),
        status: 'resolved',
        agent: 'Rina',
        raw: recordOf(lines[3]),
      }),
    ])
    const events = outputs.flatMap((o) =>
      o.kind === 'ticket' && o.event.sourceTicketId === budi.sourceTicketId ? [o.event] : [],
    )
    const merged = events.reduce(mergeTicketEvents)
    expect(merged).toEqual((outputs[3] as { event: TicketEvent }).event)
    expect(events.reverse().reduce(mergeTicketEvents)).toEqual(merged)
  })
})

describe('parseSociomile: values', () => {
  it('maps every status (case-insensitive, trimmed); unknown or empty → pending', async () => {
    const statuses = [
      'Open',
      'Baru',
      'Pending',
      'On Progress',
      'Diproses',
      'Resolved',
      'Closed',
      'Selesai',
      'Spam',
      'Eskalasi',
      ' SELESAI ',
      '',
    ]
    const expected = [
      'open',
      'open',
      'pending',
      'pending',
      'pending',
      'resolved',
      'resolved',
      'resolved',
      'spam',
      'pending',
      'resolved',
      'pending',
    ] as const
    const line = (i: number) =>
      `64fb0000${i.toString(16).padStart(16, '0')};WhatsApp;Budi;081234567890;Tanya DAU;Dana Alokasi Umum;Pemda;${statuses[i - 1]};Rina;01/12/2021 09:${String(i).padStart(2, '0')};;`
    expect(await run('status-values.csv')).toEqual(
      expected.map((status, i) => rinaTicket(i + 1, line(i + 1), { status })),
    )
  })

  it('maps a status named like an Object.prototype member to pending, not to a function', async () => {
    const csv =
      'Ticket ID;Status;Created At\n1;constructor;01/12/2021 09:00\n2;__proto__;01/12/2021 09:00\n'
    const outputs = await runAdapterOn(parseSociomile, csv, 'statuses.csv')
    expect(outputs.map((o) => o.kind === 'ticket' && o.event.status)).toEqual([
      'pending',
      'pending',
    ])
  })

  it('keeps a column named __proto__ or constructor in the raw record as a column like any other', async () => {
    const csv = 'Ticket ID;Created At;__proto__;constructor\n1;01/12/2021 09:00;x;y\n'
    const [output] = await runAdapterOn(parseSociomile, csv, 'odd-columns.csv')
    const raw = output?.kind === 'ticket' ? output.event.raw : null
    expect(Object.getPrototypeOf(raw)).toBe(Object.prototype)
    expect(JSON.stringify(raw)).toBe(
      '{"Ticket ID":"1","Created At":"01/12/2021 09:00","__proto__":"x","constructor":"y"}',
    )
  })

  it('keeps a raw record per row: a repeated column keeps its last value, a short row empty cells', async () => {
    const csv = 'Ticket ID;Note;Created At;Note;2\n1;a;01/12/2021 09:00;b;c\n2;d;01/12/2021 09:00\n'
    const outputs = await runAdapterOn(parseSociomile, csv, 'repeated-columns.csv')
    expect(
      outputs.map((o) => (o.kind === 'ticket' ? JSON.stringify(o.event.raw) : o.kind)),
    ).toEqual([
      '{"2":"c","Ticket ID":"1","Note":"b","Created At":"01/12/2021 09:00"}',
      '{"2":"","Ticket ID":"2","Note":"","Created At":"01/12/2021 09:00"}',
    ])
  })

  it('gives 0812…, +62 812-…, 62812… and (0812) … one customer key; no usable number → null', async () => {
    const phones = [
      '081234567890',
      '+62 812-3456-7890',
      '6281234567890',
      '(0812) 3456 7890',
      '',
      '-',
    ]
    const line = (i: number) =>
      `64fb1000${i.toString(16).padStart(16, '0')};WhatsApp;Budi;${phones[i - 1]};Tanya DAU;Dana Alokasi Umum;Pemda;Selesai;Rina;01/12/2021 09:${String(i).padStart(2, '0')};;`
    const key = testCustomerKey('6281234567890')
    expect(await run('phone-formats.csv')).toEqual(
      [key, key, key, key, null, null].map((customerKey, i) =>
        rinaTicket(i + 1, line(i + 1), { customerKey }),
      ),
    )
  })

  it('maps customer types to segments; unknown → lainnya, empty → null', async () => {
    const labels = [
      'Pemda',
      'Pemerintah Daerah',
      'BPKAD',
      'DPRD',
      'K/L',
      'Instansi Pusat',
      'Mahasiswa',
      'Akademisi',
      'Peneliti',
      'Wartawan',
      '',
      '  pemerintah   daerah ',
    ]
    const segments = [
      'pemda',
      'pemda',
      'pemda',
      'pemda',
      'kementerian_lembaga',
      'kementerian_lembaga',
      'mahasiswa',
      'mahasiswa',
      'mahasiswa',
      'lainnya',
      null,
      'pemda',
    ] as const
    const line = (i: number) =>
      `64fb2000${i.toString(16).padStart(16, '0')};WhatsApp;Budi;081234567890;Tanya DAU;Dana Alokasi Umum;${labels[i - 1]};Selesai;Rina;01/12/2021 09:${String(i).padStart(2, '0')};;`
    expect(await run('segment-labels.csv')).toEqual(
      segments.map((segment, i) => rinaTicket(i + 1, line(i + 1), { segment })),
    )
  })
})

describe('parseSociomile: headers', () => {
  it('reads Indonesian headers and ignores unknown columns', async () => {
    expect(await run('indonesian-headers.csv')).toEqual([
      ticket(1, {
        sourceTicketId: '64fac0008da23ffa50006c01',
        openedAt: wib('2021-12-01T09:23'),
        firstResponseAt: wib('2021-12-01T09:30'),
        closedAt: wib('2021-12-01T10:02'),
        status: 'resolved',
        agent: 'Rina',
        topic: 'Dana Alokasi Umum',
        segment: 'pemda',
        subject: 'Tanya DAU',
        customerKey: testCustomerKey('081311112222'),
        raw: {
          'ID Tiket': '64fac0008da23ffa50006c01',
          Kanal: 'WhatsApp',
          'Nama Pelanggan': 'Ahmad',
          'No HP': '081311112222',
          Subjek: 'Tanya DAU',
          Kategori: 'Dana Alokasi Umum',
          'Jenis Pengguna': 'BPKAD',
          Status: 'Selesai',
          Agen: 'Rina',
          'Tanggal Dibuat': '01/12/2021 09:23',
          'Waktu Respon Pertama': '01/12/2021 09:30',
          'Tanggal Selesai': '01/12/2021 10:02',
          'Catatan Internal': 'sudah dijawab',
          Sumber: 'Sociomile',
        },
      }),
    ])
  })

  it('matches headers ignoring case, spaces, `_`, `-` and `.`', async () => {
    expect(await run('header-spelling.csv')).toEqual([
      ticket(1, {
        sourceTicketId: '64fad0008da23ffa50006d01',
        openedAt: wib('2021-12-01T09:23'),
        firstResponseAt: wib('2021-12-01T09:30'),
        closedAt: wib('2021-12-01T10:02'),
        status: 'resolved',
        agent: 'Rina',
        topic: 'SIKD',
        segment: 'kementerian_lembaga',
        subject: 'Tanya SIKD',
        customerKey: testCustomerKey('081322220001'),
        raw: {
          TICKET_ID: '64fad0008da23ffa50006d01',
          channel: 'WA',
          'customer-phone': '081322220001',
          'Created.At': '01/12/2021 09:23',
          first_response_at: '01/12/2021 09:30',
          'RESOLVED-AT': '01/12/2021 10:02',
          STATUS: 'closed',
          agent: 'Rina',
          CATEGORY: 'SIKD',
          'customer.type': 'k/l',
          Subject: 'Tanya SIKD',
          'Unknown Column': 'x',
        },
      }),
    ])
  })

  it('reads the other aliases (No Tiket, Nomor WhatsApp, Pertanyaan, Topik, …) in any column order', async () => {
    expect(await run('alternate-headers.csv')).toEqual([
      ticket(1, {
        sourceTicketId: '64fae0008da23ffa50006e01',
        openedAt: wib('2021-12-01T09:23'),
        closedAt: wib('2021-12-01T10:02'),
        status: 'resolved',
        agent: 'Agus',
        topic: 'Dana Bagi Hasil',
        segment: 'mahasiswa',
        subject: 'Tanya DBH',
        customerKey: testCustomerKey('081333330001'),
        raw: {
          'No Tiket': '64fae0008da23ffa50006e01',
          'Nomor WhatsApp': '081333330001',
          Pertanyaan: 'Tanya DBH',
          Topik: 'Dana Bagi Hasil',
          'Kategori Pengguna': 'Akademisi',
          Status: 'Resolved',
          'Assigned To': 'Agus',
          'Waktu Dibuat': '01/12/2021 09:23',
          'Closed At': '01/12/2021 10:02',
        },
      }),
    ])
  })

  const SAMPLE_VALUES: Record<keyof typeof SOCIOMILE_COLUMNS, [string, Partial<TicketEvent>]> = {
    ticketId: ['T-1', {}],
    channel: ['WA', {}],
    createdAt: ['01/12/2021 09:00', {}],
    firstResponseAt: ['01/12/2021 09:05', { firstResponseAt: wib('2021-12-01T09:05') }],
    closedAt: ['01/12/2021 10:00', { closedAt: wib('2021-12-01T10:00') }],
    status: ['Selesai', { status: 'resolved' }],
    agent: ['Rina', { agent: 'Rina' }],
    topic: ['SIKD', { topic: 'SIKD' }],
    segment: ['Pemda', { segment: 'pemda' }],
    customer: ['081234567890', { customerKey: testCustomerKey('6281234567890') }],
    subject: ['Tanya', { subject: 'Tanya' }],
  }
  const aliases = Object.entries(SOCIOMILE_COLUMNS).flatMap(([field, spec]) =>
    spec.aliases.map((alias) => [field as keyof typeof SOCIOMILE_COLUMNS, alias] as const),
  )

  it.each(aliases)('reads %s from a column headed %j', async (field, alias) => {
    const columns = new Map<string, string>([
      ['Ticket ID', SAMPLE_VALUES.ticketId[0]],
      ['Created At', SAMPLE_VALUES.createdAt[0]],
    ])
    if (field === 'ticketId') columns.delete('Ticket ID')
    if (field === 'createdAt') columns.delete('Created At')
    columns.set(alias, SAMPLE_VALUES[field][0])
    const csv = `${[...columns.keys()].join(';')}\n${[...columns.values()].join(';')}\n`
    expect(await runAdapterOn(parseSociomile, csv, 'aliases.csv')).toEqual([
      ticket(1, {
        sourceTicketId: 'T-1',
        openedAt: wib('2021-12-01T09:00'),
        raw: Object.fromEntries(columns),
        ...SAMPLE_VALUES[field][1],
      }),
    ])
  })

  it('makes a file without a required column unreadable, naming the column', async () => {
    await expect(run('missing-created-at-column.csv')).rejects.toThrow(
      new UnreadableFileError(
        'missing-created-at-column.csv',
        'missing required column "Created At" (also accepted: Tanggal Dibuat, Waktu Dibuat, Created Date)',
      ),
    )
    await expect(
      runAdapterOn(parseSociomile, 'Channel;Created At\nWA;01/12/2021 09:00\n', 'no-id.csv'),
    ).rejects.toThrow(
      'no-id.csv: missing required column "Ticket ID" (also accepted: ID Tiket, No Tiket, Ticket Number)',
    )
  })

  it('makes an empty file unreadable; a header alone gives no outputs', async () => {
    await expect(run('empty.csv')).rejects.toThrow(
      new UnreadableFileError('empty.csv', 'empty file'),
    )
    await expect(runAdapterOn(parseSociomile, '\uFEFF\r\n', 'bom-only.csv')).rejects.toThrow(
      'bom-only.csv: empty file',
    )
    expect(await runAdapterOn(parseSociomile, `\uFEFF${HEADER}\r\n`, 'header-only.csv')).toEqual([])
  })

  it('makes an empty or corrupt XLSX unreadable instead of hanging or failing as a retryable error', async () => {
    await expect(runAdapterOn(parseSociomile, '', 'empty.xlsx')).rejects.toThrow(
      new UnreadableFileError('empty.xlsx', 'empty file'),
    )
    const corrupt = runAdapterOn(parseSociomile, `${HEADER}\n`, 'saved-as-csv.xlsx')
    await expect(corrupt).rejects.toBeInstanceOf(UnreadableFileError)
    await expect(corrupt).rejects.toThrow(/^saved-as-csv\.xlsx: not a readable XLSX file: /)
  })
})
