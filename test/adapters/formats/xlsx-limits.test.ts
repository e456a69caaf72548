import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseSociomile } from '../../../src/adapters/whatsapp/sociomile.js'
import { workbookParts, zipParts, type ZipPart } from '../../support/xlsx-package.js'
import { TICKETS } from '../xlsx-fixtures.js'
import { runAdapterOn } from '../run-adapter.js'

// Hostile workbooks: each fails at once with the setting to raise, before exceljs inflates a
// part, instead of spooling gigabytes or exhausting the worker's heap.

const SHEET = 'xl/worksheets/sheet1.xml'
const parts = () => workbookParts([TICKETS])
/** The parts with `path`'s content followed by `extra` (XML allows whitespace after the root). */
const padded = (path: string, extra: Buffer): ZipPart[] =>
  parts().map(([p, content]) =>
    p === path ? [p, Buffer.concat([Buffer.from(content), extra])] : [p, content],
  )
const read = (xlsx: Buffer, options = {}) =>
  runAdapterOn(parseSociomile, xlsx, 'tickets.xlsx', options)

/** `xlsx` with the uncompressed size the central directory declares for `name` replaced. */
function declareSize(xlsx: Buffer, name: string, size: number): Buffer {
  const copy = Buffer.from(xlsx)
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02])
  for (let at = copy.indexOf(signature); at !== -1; at = copy.indexOf(signature, at + 4)) {
    const nameLength = copy.readUInt16LE(at + 28)
    if (copy.subarray(at + 46, at + 46 + nameLength).toString() === name) {
      copy.writeUInt32LE(size, at + 24)
      return copy
    }
  }
  throw new Error(`${name} not in the directory`)
}

describe('XLSX resource limits', () => {
  it('reads a normal workbook within every default limit', async () => {
    const outputs = await read(zipParts(parts()))
    expect(outputs.map((o) => o.kind)).toEqual(['ticket', 'ticket'])
  })

  it('refuses a zip bomb by its compression ratio before inflating it', async () => {
    // 16 MB of spaces deflate to ~16 KB: a ratio near 1000, as zip bombs have.
    const bomb = zipParts(padded(SHEET, Buffer.alloc(16 << 20, 0x20)))
    expect(bomb.length).toBeLessThan(1 << 20)
    await expect(read(bomb)).rejects.toThrow(
      /xl\/worksheets\/sheet1\.xml has a compression ratio of \d+, over XLSX_MAX_RATIO \(200\)/,
    )
  })

  it('refuses a part larger than XLSX_MAX_ENTRY_BYTES by its declared size', async () => {
    const big = zipParts(padded(SHEET, Buffer.alloc(200_000, 0x20)))
    await expect(read(big, { xlsxMaxEntryBytes: 100_000, xlsxMaxRatio: 10_000 })).rejects.toThrow(
      'xl/worksheets/sheet1.xml inflates to 200',
    )
  })

  it('catches a part that inflates to more than its forged declared size', async () => {
    const big = zipParts(padded(SHEET, Buffer.alloc(200_000, 0x20)))
    const forged = declareSize(big, SHEET, 5_000)
    await expect(read(forged, { xlsxMaxRatio: 10_000 })).rejects.toThrow(
      'xl/worksheets/sheet1.xml inflates to more than the 5000 bytes it declares',
    )
  })

  it('refuses shared strings over XLSX_MAX_SHARED_STRINGS_BYTES', async () => {
    const strings = zipParts(padded('xl/sharedStrings.xml', Buffer.alloc(50_000, 0x20)))
    await expect(
      read(strings, { xlsxMaxSharedStringsBytes: 20_000, xlsxMaxRatio: 10_000 }),
    ).rejects.toThrow(
      /xl\/sharedStrings\.xml inflates to 5\d+ bytes, over XLSX_MAX_SHARED_STRINGS_BYTES/,
    )
  })

  it('stops reading a workbook over XLSX_MAX_BYTES', async () => {
    await expect(read(zipParts(parts()), { xlsxMaxBytes: 1024 })).rejects.toThrow(
      'workbook larger than XLSX_MAX_BYTES (1024 bytes): not read',
    )
  })

  it('leaves no temp file behind for a workbook whose sheets come before its shared strings', async () => {
    // Excel writes the sheets before sharedStrings.xml; the reader hands exceljs the shared
    // strings first, so no sheet is spooled to a temp file.
    const dir = await mkdtemp(path.join(tmpdir(), 'dering-xlsx-tmp-'))
    const saved = process.env.TMPDIR
    process.env.TMPDIR = dir
    try {
      const outputs = await read(zipParts(parts()))
      expect(outputs).toHaveLength(2)
    } finally {
      process.env.TMPDIR = saved
    }
    expect(await readdir(dir)).toEqual([])
  })
})
