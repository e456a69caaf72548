import { describe, expect, it } from 'vitest'
import { shortenMiddle, wrap } from '../../src/cli/fit-columns.js'
import { formatTable } from '../../src/cli/output.js'

/** `dering failed` on a 100-column terminal: a long inbox path and an error with its advice. */
const ROW = {
  file: '/srv/dering/inbox/whatsapp/whatsapp-2021-12-export-from-sociomile.csv',
  attempts: 5,
  job: 'whatsapp-bb06a1603140cabfa1272238d9d3034c',
  error: 'file not found or not readable: was it moved or deleted? put it back, or ingest it again',
}

describe('tables fit the terminal', () => {
  it('shortens paths in the middle and wraps the error, keeping ids and every word', () => {
    const table = formatTable([ROW], undefined, {
      width: 100,
      shrink: { file: 'middle', error: 'wrap' },
    })
    const lines = table.split('\n')
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100)
    expect(table).toContain(ROW.job)
    expect(table).toMatch(/^\/srv\/d\S*…\S*\.csv /m)
    const error = lines
      .slice(2)
      .map((line) => line.slice(line.indexOf(ROW.job) + ROW.job.length).trim())
    expect(error.join(' ')).toBe(ROW.error)
  })

  it('leaves a table that fits as it is, and one without a width (piped) whole', () => {
    const wide = formatTable([ROW])
    expect(wide.split('\n')[2]).toContain(ROW.file)
    expect(wide.split('\n')[2]).toContain(ROW.error)
    expect(formatTable([{ a: 'x' }], undefined, { width: 80 })).toBe('a\n-\nx')
  })

  it('shortenMiddle and wrap keep both ends and every character', () => {
    expect(shortenMiddle('abcdefghij', 7)).toBe('abc…hij')
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four'])
    expect(wrap('abcdefghijkl', 5).join('')).toBe('abcdefghijkl')
  })
})
