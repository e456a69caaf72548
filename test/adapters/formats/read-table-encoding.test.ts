import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { readCsv, sniffDelimiter } from '../../../src/adapters/formats/read-csv.js'
import { fixturePath } from '../run-adapter.js'

/** The cells of every record and the notes left, reading bytes delivered in chunks of `chunk`. */
async function read(bytes: Buffer, chunk = 1 << 16) {
  const notes: string[] = []
  const pieces: Buffer[] = []
  for (let at = 0; at < bytes.length; at += chunk) pieces.push(bytes.subarray(at, at + chunk))
  const cells: string[][] = []
  for await (const record of readCsv(Readable.from(pieces), {
    note: (m) => notes.push(m),
    maxRecordBytes: 1 << 20,
  })) {
    cells.push(record.cells)
  }
  return { cells, notes }
}

describe('CSV encodings', () => {
  it('reads an Excel "CSV" saved on a Windows PC (Windows-1252) as such, with a note', async () => {
    // test/fixtures/whatsapp/README.md: windows-1252-excel-csv.csv
    const { cells, notes } = await read(
      readFileSync(fixturePath('whatsapp/windows-1252-excel-csv.csv')),
    )
    expect(cells[1]?.slice(3, 8)).toEqual([
      'Pertanyaan \u2019DAU\u2019 Kabupaten Tebing Tinggi',
      'Dana Alokasi Umum',
      'Pemda',
      'Selesai',
      'André',
    ])
    expect(cells[2]?.[3]).toBe('Café UMKM \u2013 DBH')
    expect(cells.flat().join('')).not.toContain('\uFFFD')
    expect(notes).toEqual(['not valid UTF-8: read as Windows-1252 (Excel "CSV" on a Windows PC)'])
  })

  it('keeps valid UTF-8 (BOM, multi-byte characters split across chunks) without notes', async () => {
    const text = '\uFEFFTicket ID;Subject\r\n1;Pertanyaan “DAU” – Café 😀\r\n'
    for (const chunk of [1, 2, 3, 1024]) {
      expect(await read(Buffer.from(text), chunk)).toEqual({
        cells: [
          ['Ticket ID', 'Subject'],
          ['1', 'Pertanyaan “DAU” – Café 😀'],
        ],
        notes: [],
      })
    }
  })

  it('a late byte that is not UTF-8 is read as Windows-1252, not U+FFFD, and noted', async () => {
    // A UTF-8 export whose last row was pasted from a Windows-1252 file, past the sniffed prefix.
    const rows = Array.from({ length: 2000 }, (_, i) => `${i};Tanya “DAU” ${'x'.repeat(30)}`)
    const head = Buffer.from(`Ticket ID;Subject\n${rows.join('\n')}\n`)
    const late = Buffer.concat([
      Buffer.from('2000;Caf'),
      Buffer.of(0xe9, 0x20, 0x93),
      Buffer.from('ok'),
      Buffer.of(0x94, 0x0a),
    ])
    const { cells, notes } = await read(Buffer.concat([head, late]), 4096)
    expect(head.length).toBeGreaterThan(64 * 1024)
    expect(cells.at(-1)).toEqual(['2000', 'Café “ok”'])
    expect(cells[1]).toEqual(['0', `Tanya “DAU” ${'x'.repeat(30)}`])
    expect(notes).toEqual([
      `3 byte(s) not valid UTF-8 (the first at byte ${head.length + 8}): read as Windows-1252`,
    ])
  })

  it('reads UTF-16 with a byte order mark (Excel "Unicode Text", tab separated)', async () => {
    const text = '\uFEFFTicket ID\tSubject\r\n1\tCafé\r\n'
    const le = Buffer.from(text, 'utf16le')
    const be = Buffer.from(le).swap16()
    for (const bytes of [le, be]) {
      expect(await read(bytes, 3)).toEqual({
        cells: [
          ['Ticket ID', 'Subject'],
          ['1', 'Café'],
        ],
        notes: [],
      })
    }
  })

  it('sniffs the separator outside quotes', () => {
    expect(sniffDelimiter('a;b;"c,d,e"\n')).toBe(';')
    expect(sniffDelimiter('a,b;c,d\n')).toBe(',')
    expect(sniffDelimiter('a\tb\tc;d\n')).toBe('\t')
    expect(sniffDelimiter('single\n')).toBe(',')
  })
})
