import { describe, expect, it } from 'vitest'
import { escapeControl } from '../../src/domain/escape-control.js'

describe('escapeControl', () => {
  it('shows terminal controls as escapes: ESC sequences, BEL, CR, backspace, DEL, C1 CSI', () => {
    expect(escapeControl('\u001b[2J\u001b]0;title\u0007ok')).toBe('\\x1b[2J\\x1b]0;title\\x07ok')
    expect(escapeControl('paid\rREFUNDED\b\u007f\u009b31m')).toBe(
      'paid\\x0dREFUNDED\\x08\\x7f\\x9b31m',
    )
    expect(escapeControl('a\u0000b\tc')).toBe('a\\x00b\\x09c')
  })

  it('shows bidi overrides and isolates and line separators, which disguise text', () => {
    expect(escapeControl('invoice\u202eslx.exe\u2066\u2028')).toBe(
      'invoice\\u202eslx.exe\\u2066\\u2028',
    )
  })

  it('escapes line breaks in a table cell, keeps them in a message when asked', () => {
    expect(escapeControl('one\ntwo')).toBe('one\\x0atwo')
    expect(escapeControl('one\ntwo\r\n', { keepNewlines: true })).toBe('one\ntwo\\x0d\n')
  })

  it('leaves printable text alone: accents, Indonesian text, emoji, backslashes', () => {
    const text = 'Dana Desa — tahap II, “Kabupaten” é 😀 C:\\inbox'
    expect(escapeControl(text)).toBe(text)
  })
})
