import { describe, expect, it } from 'vitest'
import { parseHaiKemenkeu } from '../../../src/adapters/hai_kemenkeu/hai-kemenkeu.js'
import type { AdapterOutput } from '../../../src/domain/adapter-output.js'
import type { TicketEvent } from '../../../src/domain/ticket-event.js'
import { toWibMonth } from '../../../src/domain/wib-month.js'
import { UnreadableFileError } from '../../../src/errors.js'
import { prepareBatch } from '../../../src/jobs/prepare-batch.js'
import { runAdapter, runAdapterOn, blankEvent } from '../run-adapter.js'

const run = (fixture: string, options = {}) =>
  runAdapter(parseHaiKemenkeu, `hai_kemenkeu/${fixture}`, options)

/** A ticket output with the fields a fixture leaves empty filled in. */
function ticket(
  recordNumber: number,
  event: Partial<TicketEvent> & Pick<TicketEvent, 'sourceTicketId' | 'raw'>,
): AdapterOutput {
  return {
    kind: 'ticket',
    recordNumber,
    event: {
      ...blankEvent('hai_kemenkeu'),
      status: 'pending',
      ...event,
    },
  }
}

const otherUnit = (recordNumber: number): AdapterOutput => ({
  kind: 'skip',
  recordNumber,
  reason: 'other unit',
})

describe('parseHaiKemenkeu', () => {
  it('reads the format page sample: another unit skipped, naive times in UTC', async () => {
    const outputs = await run('sample.csv')
    expect(outputs).toEqual([
      {
        kind: 'ticket',
        recordNumber: 1,
        event: {
          channel: 'hai_kemenkeu',
          sourceTicketId: '88121',
          openedAt: new Date('2021-12-01T02:10:44Z'),
          firstResponseAt: new Date('2021-12-01T02:30:00Z'),
          closedAt: new Date('2021-12-01T06:31:02Z'),
          status: 'resolved',
          agent: 'Rina',
          topic: 'Dana Alokasi Khusus',
          segment: 'pemda',
          subject: 'Tanya alokasi DAK Fisik',
          customerKey: null,
          messageCount: null,
          raw: {
            'Ticket ID': '88121',
            Ref: 'KMK-4821-QJZT',
            Subject: 'Tanya alokasi DAK Fisik',
            Status: 'resolved',
            'Unit Eselon I Terkait': 'DJPK',
            Agent: 'Rina',
            'Date Created': '2021-12-01 02:10:44',
            'Date First Agent Reply': '2021-12-01 02:30:00',
            'Date Resolved': '2021-12-01 06:31:02',
            'Kategori Layanan': 'Informasi',
            'Topik Permasalahan': 'Dana Alokasi Khusus',
            'Jenis Stakeholder': 'Pemerintah Daerah',
          },
        },
      },
      otherUnit(2),
      {
        kind: 'ticket',
        recordNumber: 3,
        event: {
          channel: 'hai_kemenkeu',
          sourceTicketId: '88177',
          openedAt: new Date('2021-11-30T18:30:00Z'),
          firstResponseAt: null,
          closedAt: null,
          status: 'pending',
          agent: 'Agus',
          topic: 'Transfer ke Daerah',
          segment: 'mahasiswa',
          subject: 'Permohonan data TKD 2021',
          customerKey: null,
          messageCount: null,
          raw: {
            'Ticket ID': '88177',
            Ref: 'KMK-4877-ARWD',
            Subject: 'Permohonan data TKD 2021',
            Status: 'awaiting_user',
            'Unit Eselon I Terkait': 'DJPK',
            Agent: 'Agus',
            'Date Created': '2021-11-30 18:30:00',
            'Date First Agent Reply': '',
            'Date Resolved': '',
            'Kategori Layanan': 'Permintaan Data',
            'Topik Permasalahan': 'Transfer ke Daerah',
            'Jenis Stakeholder': 'Akademisi',
          },
        },
      },
    ])
    const december = outputs[2]
    expect(december?.kind === 'ticket' && toWibMonth(december.event.openedAt!)).toBe('2021-12')
  })

  it('keeps rows whose unit holds the configured unit as a whole word, case-insensitively', async () => {
    const raw = (id: string, subject: string, unit: string) => ({
      'Ticket ID': id,
      Subject: subject,
      Status: 'new',
      'Unit Eselon I Terkait': unit,
      'Date Created': '2021-12-02 01:00:00',
    })
    const kept = (recordNumber: number, id: string, subject: string, unit: string) =>
      ticket(recordNumber, {
        sourceTicketId: id,
        openedAt: new Date('2021-12-02T01:00:00Z'),
        status: 'open',
        topic: subject,
        subject,
        raw: raw(id, subject, unit),
      })
    expect(await run('unit-whole-word.csv')).toEqual([
      kept(1, '90001', 'Satu', 'DJPK'),
      kept(2, '90002', 'Dua', 'djpk'),
      kept(3, '90003', 'Tiga', 'DJPK-Sekretariat'),
      kept(4, '90004', 'Empat', 'DJPK/DJPb'),
      otherUnit(5),
      otherUnit(6),
      kept(7, '90007', 'Tujuh', 'Setjen (DJPK)'),
      otherUnit(8),
    ])
  })

  it('takes the unit from the options, escaping it as literal text', async () => {
    const csv =
      'Ticket ID,Unit,Date Created\n1,DJPb,2021-12-02 01:00:00\n2,DJPK,2021-12-02 01:00:00\n3,D.JPB,2021-12-02 01:00:00\n'
    const outputs = await runAdapterOn(parseHaiKemenkeu, csv, 'units.csv', { haiUnit: 'djpb' })
    expect(outputs.map((o) => o.kind)).toEqual(['ticket', 'skip', 'skip'])
    const dotted = await runAdapterOn(parseHaiKemenkeu, csv, 'units.csv', { haiUnit: 'D.JPb' })
    expect(dotted.map((o) => o.kind)).toEqual(['skip', 'skip', 'ticket'])
  })

  it('maps every Deskpro status, unknown and empty ones to pending', async () => {
    const statuses = (await run('status-values.csv')).map((o) =>
      o.kind === 'ticket' ? o.event.status : o.kind,
    )
    expect(statuses).toEqual([
      'open', // awaiting_agent
      'open', // New
      'pending', // awaiting_user
      'pending', // In Progress
      'pending', // on_hold
      'resolved', // RESOLVED
      'resolved', // archived
      'spam', // spam
      'spam', // deleted
      'open', // Awaiting Agent
      'pending', // escalated: unknown
      'pending', // empty
    ])
  })

  it('maps a status named like an Object.prototype member to pending', async () => {
    const csv = ['Ticket ID,Status,Unit Eselon I Terkait,Date Created']
      .concat(
        ['constructor', '__proto__', 'toString', 'hasOwnProperty'].map(
          (status, i) => `9200${i},${status},DJPK,2021-12-03 01:00:00`,
        ),
      )
      .join('\n')
    const outputs = await runAdapterOn(parseHaiKemenkeu, csv, 'statuses.csv', { haiUnit: 'djpk' })
    expect(outputs.map((o) => (o.kind === 'ticket' ? o.event.status : o.kind))).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
    ])
    const batch = prepareBatch(outputs)
    expect(batch.tickets).toHaveLength(4)
  })

  it('reads alias headers, `;` separators, offsets and the topic fallbacks', async () => {
    const raw = (id: string, date: string, subject: string, category: string, origin: string) => ({
      ID: id,
      Department: 'DJPK',
      'Tanggal Dibuat': date,
      Status: 'resolved',
      Subject: subject,
      'Kategori Layanan': category,
      'Topik Permasalahan': '',
      'Asal Unit/Individu/Masyarakat': origin,
    })
    const openedAt = new Date('2021-12-04T02:15:00Z')
    expect(await run('alias-headers-semicolon.csv')).toEqual([
      ticket(1, {
        sourceTicketId: '92001',
        openedAt,
        status: 'resolved',
        topic: 'Tanya DAU',
        segment: 'kementerian_lembaga',
        subject: 'Tanya DAU',
        raw: raw('92001', '2021-12-04T09:15:00+07:00', 'Tanya DAU', '', 'Satker'),
      }),
      ticket(2, {
        sourceTicketId: '92002',
        openedAt,
        status: 'resolved',
        topic: 'Informasi',
        segment: 'mahasiswa',
        subject: 'Tanya DBH',
        raw: raw('92002', '2021-12-04T02:15:00Z', 'Tanya DBH', 'Informasi', 'Mahasiswa'),
      }),
      ticket(3, {
        sourceTicketId: '92003',
        openedAt,
        status: 'resolved',
        segment: 'lainnya',
        raw: raw('92003', '04/12/2021 02:15', '', '', 'Masyarakat Umum'),
      }),
    ])
  })

  it('rejects rows without a numeric id or a readable Date Created, warns on optional dates', async () => {
    expect(await run('bad-rows.csv')).toEqual([
      {
        kind: 'reject',
        recordNumber: 1,
        reason: 'missing ticket id',
        raw: ',resolved,DJPK,2021-12-05 01:00:00,,',
      },
      {
        kind: 'reject',
        recordNumber: 2,
        reason: 'non-numeric ticket id: KMK-93002',
        raw: 'KMK-93002,resolved,DJPK,2021-12-05 01:00:00,,',
      },
      {
        kind: 'reject',
        recordNumber: 3,
        reason: 'missing Date Created',
        raw: '93003,resolved,DJPK,,,',
      },
      {
        kind: 'reject',
        recordNumber: 4,
        reason: 'unparseable Date Created: kemarin sore',
        raw: '93004,resolved,DJPK,kemarin sore,,',
      },
      {
        ...ticket(5, {
          sourceTicketId: '93005',
          openedAt: new Date('2021-12-05T01:00:00Z'),
          status: 'resolved',
          raw: {
            'Ticket ID': '93005',
            Status: 'resolved',
            'Unit Eselon I Terkait': 'DJPK',
            'Date Created': '2021-12-05 01:00:00',
            'Date First Agent Reply': 'segera',
            'Date Resolved': '2021-12-31 25:00:00',
          },
        }),
        warnings: [
          'unparseable Date First Agent Reply: segera',
          'unparseable Date Resolved: 2021-12-31 25:00:00',
        ],
      },
    ])
  })

  it('reads XLSX date cells, text dates and bare serials as UTC', async () => {
    const raw = (cells: Record<string, string>) => ({
      'Date First Agent Reply': '',
      'Date Resolved': '',
      'Topik Permasalahan': '',
      Agent: '',
      ...cells,
    })
    expect(await run('date-cells.xlsx')).toEqual([
      ticket(1, {
        sourceTicketId: '95001',
        openedAt: new Date('2021-11-30T18:30:00Z'),
        firstResponseAt: new Date('2021-11-30T18:45:00Z'),
        closedAt: new Date('2021-12-01T03:00:00Z'),
        status: 'resolved',
        agent: 'Rina',
        topic: 'Dana Alokasi Umum',
        segment: 'pemda',
        subject: 'Tanya DAU',
        raw: raw({
          'Ticket ID': '95001',
          Ref: 'KMK-5001-QWER',
          Subject: 'Tanya DAU',
          Status: 'resolved',
          'Unit Eselon I Terkait': 'DJPK',
          Agent: 'Rina',
          'Date Created': '2021-11-30 18:30:00',
          'Date First Agent Reply': '2021-11-30 18:45:00',
          'Date Resolved': '2021-12-01 03:00:00',
          'Topik Permasalahan': 'Dana Alokasi Umum',
          'Jenis Stakeholder': 'Pemda',
        }),
      }),
      ticket(2, {
        sourceTicketId: '95002',
        openedAt: new Date('2021-12-01T04:00:00Z'),
        closedAt: new Date('2021-12-01T06:00:00Z'),
        status: 'resolved',
        agent: 'Agus',
        topic: 'Dana Bagi Hasil',
        segment: 'kementerian_lembaga',
        subject: 'Tanya DBH',
        raw: raw({
          'Ticket ID': '95002',
          Ref: 'KMK-5002-ASDF',
          Subject: 'Tanya DBH',
          Status: 'archived',
          'Unit Eselon I Terkait': 'DJPK-Sekretariat',
          Agent: 'Agus',
          'Date Created': '2021-12-01 04:00:00',
          'Date Resolved': '44531.25',
          'Topik Permasalahan': 'Dana Bagi Hasil',
          'Jenis Stakeholder': 'Satker',
        }),
      }),
      otherUnit(3),
      ticket(4, {
        sourceTicketId: '95004',
        openedAt: new Date('2021-12-31T17:00:00Z'),
        topic: 'Data TKD',
        segment: 'mahasiswa',
        subject: 'Data TKD',
        raw: raw({
          'Ticket ID': '95004',
          Ref: 'KMK-5004-TYUI',
          Subject: 'Data TKD',
          Status: 'on_hold',
          'Unit Eselon I Terkait': 'djpk',
          'Date Created': '2021-12-31 17:00:00',
          'Jenis Stakeholder': 'Akademisi',
        }),
      }),
    ])
  })

  it('refuses a report without a unit column', async () => {
    await expect(run('missing-unit-column.csv')).rejects.toThrow(UnreadableFileError)
    await expect(run('missing-unit-column.csv')).rejects.toThrow(
      /missing required column "Unit Eselon I Terkait"/,
    )
  })
})
