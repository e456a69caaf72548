import { describe, expect, it } from 'vitest'
import { parseSourceDate } from '../../src/domain/source-date.js'

const utc = (iso: string) => new Date(`${iso}Z`)

describe('parseSourceDate: naive times are WIB unless the zone says UTC', () => {
  it.each([
    ['2021-12-01 09:23', '2021-12-01T02:23:00'],
    ['2021-12-01 09:23:45', '2021-12-01T02:23:45'],
    ['2021-12-01T09:23:45', '2021-12-01T02:23:45'],
    ['2021-12-01 09:23:45.000', '2021-12-01T02:23:45'],
    ['2021-12-01', '2021-11-30T17:00:00'],
    ['2021-1-5 7:05', '2021-01-05T00:05:00'],
    ['01/12/2021 09:23', '2021-12-01T02:23:00'],
    ['01/12/2021 09:23:45', '2021-12-01T02:23:45'],
    ['01/12/2021 09.23', '2021-12-01T02:23:00'],
    ['01-12-2021 09:23', '2021-12-01T02:23:00'],
    ['01-12-2021 09:23:45', '2021-12-01T02:23:45'],
    ['1/12/2021 9:23', '2021-12-01T02:23:00'],
    ['01/12/2021', '2021-11-30T17:00:00'],
    ['  01/12/2021 09:23  ', '2021-12-01T02:23:00'],
    ['01 Des 2021 09:49', '2021-12-01T02:49:00'],
    ['1 Desember 2021 09:49', '2021-12-01T02:49:00'],
    ['01-Des-2021 09:49', '2021-12-01T02:49:00'],
    ['01 Des. 2021 09:49', '2021-12-01T02:49:00'],
    ['01 DES 2021 09:49:30', '2021-12-01T02:49:30'],
  ])('%j → %sZ', (text, expected) => {
    expect(parseSourceDate(text)).toEqual(utc(expected))
    expect(parseSourceDate(text, { zone: 'WIB' })).toEqual(utc(expected))
  })

  it('reads a naive time as UTC with zone UTC', () => {
    expect(parseSourceDate('2021-12-01 09:23', { zone: 'UTC' })).toEqual(utc('2021-12-01T09:23:00'))
    expect(parseSourceDate('01/12/2021 09:23', { zone: 'UTC' })).toEqual(utc('2021-12-01T09:23:00'))
    expect(parseSourceDate('01 Des 2021 09:23', { zone: 'UTC' })).toEqual(
      utc('2021-12-01T09:23:00'),
    )
  })

  it('reads day-first always: 03/04/2021 is 3 April, and 04/13/2021 is no date', () => {
    expect(parseSourceDate('03/04/2021 10:00')).toEqual(utc('2021-04-03T03:00:00'))
    expect(parseSourceDate('03-04-2021 10:00')).toEqual(utc('2021-04-03T03:00:00'))
    expect(parseSourceDate('04/13/2021 10:00')).toBeNull()
  })

  it('puts WIB midnight of 1 December in December and 23:59 of 30 November in November', () => {
    expect(parseSourceDate('01/12/2021 00:00')).toEqual(utc('2021-11-30T17:00:00'))
    expect(parseSourceDate('30/11/2021 23:59:59')).toEqual(utc('2021-11-30T16:59:59'))
  })
})

describe('parseSourceDate: ISO 8601 offsets win over the zone', () => {
  it.each([
    ['2021-12-01T09:23:00+07:00', '2021-12-01T02:23:00'],
    ['2021-12-01T09:23:00+0700', '2021-12-01T02:23:00'],
    ['2021-12-01T02:23:00Z', '2021-12-01T02:23:00'],
    ['2021-12-01T02:23:00z', '2021-12-01T02:23:00'],
    ['2021-12-01T02:23:00.000Z', '2021-12-01T02:23:00'],
    ['2021-12-01 09:23:00 +07:00', '2021-12-01T02:23:00'],
    ['2021-11-30T21:23:00-05:00', '2021-12-01T02:23:00'],
    ['2021-12-01T07:53:00+05:30', '2021-12-01T02:23:00'],
  ])('%j → %sZ in either zone', (text, expected) => {
    expect(parseSourceDate(text, { zone: 'WIB' })).toEqual(utc(expected))
    expect(parseSourceDate(text, { zone: 'UTC' })).toEqual(utc(expected))
  })
})

describe('parseSourceDate: month names', () => {
  it.each([
    [1, ['Jan', 'Januari', 'January']],
    [2, ['Feb', 'Februari', 'February', 'Peb', 'Pebruari']],
    [3, ['Mar', 'Maret', 'March']],
    [4, ['Apr', 'April']],
    [5, ['Mei', 'May']],
    [6, ['Jun', 'Juni', 'June']],
    [7, ['Jul', 'Juli', 'July']],
    [8, ['Agu', 'Agt', 'Agst', 'Agus', 'Aug', 'Agustus', 'August']],
    [9, ['Sep', 'Sept', 'September']],
    [10, ['Okt', 'Oct', 'Oktober', 'October']],
    [11, ['Nov', 'Nop', 'November', 'Nopember']],
    [12, ['Des', 'Dec', 'Desember', 'December']],
  ] as const)('month %i: %j', (month, names) => {
    const expected = new Date(Date.UTC(2021, month - 1, 5, 3, 0))
    for (const name of names) {
      expect(parseSourceDate(`5 ${name} 2021 10:00`)).toEqual(expected)
      expect(parseSourceDate(`05 ${name.toLowerCase()} 2021 10:00`)).toEqual(expected)
    }
  })

  it('refuses an unknown month name, also one named like an Object.prototype member', () => {
    expect(parseSourceDate('01 Foo 2021 09:00')).toBeNull()
    expect(parseSourceDate('01 constructor 2021 09:00')).toBeNull()
    expect(parseSourceDate('01 toString 2021 09:00')).toBeNull()
  })
})

describe('parseSourceDate: numbers', () => {
  it('reads Excel serial days (wall clock in the zone) only with excelSerial', () => {
    expect(parseSourceDate('44531', { excelSerial: true })).toEqual(utc('2021-11-30T17:00:00'))
    expect(parseSourceDate('44531.5', { excelSerial: true })).toEqual(utc('2021-12-01T05:00:00'))
    expect(parseSourceDate('44530.979166666664', { excelSerial: true })).toEqual(
      utc('2021-11-30T16:30:00'),
    )
    expect(parseSourceDate('44531.006944444445', { excelSerial: true })).toEqual(
      utc('2021-11-30T17:10:00'),
    )
    expect(parseSourceDate('44531.5', { excelSerial: true, zone: 'UTC' })).toEqual(
      utc('2021-12-01T12:00:00'),
    )
    // Serial 61 is 1 March 1900: Excel's phantom 29 February 1900 (serial 60) is skipped.
    expect(parseSourceDate('61', { excelSerial: true, zone: 'UTC' })).toEqual(
      utc('1900-03-01T00:00:00'),
    )
    expect(parseSourceDate('44531')).toBeNull()
    expect(parseSourceDate('44531.5')).toBeNull()
  })

  it('still reads text dates in an XLSX date column', () => {
    expect(parseSourceDate('01/12/2021 09:23', { excelSerial: true })).toEqual(
      utc('2021-12-01T02:23:00'),
    )
    expect(parseSourceDate('2021-12-01 09:23:00', { excelSerial: true })).toEqual(
      utc('2021-12-01T02:23:00'),
    )
  })

  it('reads Unix seconds only with unixSeconds, whatever the zone', () => {
    expect(parseSourceDate('1638325380', { unixSeconds: true })).toEqual(utc('2021-12-01T02:23:00'))
    expect(parseSourceDate('1638325380', { unixSeconds: true, zone: 'UTC' })).toEqual(
      utc('2021-12-01T02:23:00'),
    )
    expect(parseSourceDate('1638325380')).toBeNull()
    expect(parseSourceDate('1638325380', { excelSerial: true })).toBeNull()
    expect(parseSourceDate('1638325380000', { unixSeconds: true })).toBeNull()
  })
})

describe('parseSourceDate: no date', () => {
  it.each([
    '31/02/2021 10:00',
    '29/02/2021',
    '2021-02-29 10:00',
    '31/04/2021',
    '00/12/2021',
    '01/00/2021',
    '01/12/2021 24:00',
    '01/12/2021 23:60',
    '01/12/2021 23:59:60',
    '2021-12-01 24:00:00',
    '32 Des 2021 09:00',
    '01/12/21 09:23',
    '12/1/2021 9:23 AM',
    'kemarin',
    '-',
    '#VALUE!',
  ])('%j → null', (text) => {
    expect(parseSourceDate(text)).toBeNull()
  })

  it('gives null for empty input', () => {
    expect(parseSourceDate('')).toBeNull()
    expect(parseSourceDate('   ')).toBeNull()
    expect(parseSourceDate(null)).toBeNull()
    expect(parseSourceDate(undefined)).toBeNull()
  })

  it('accepts 29 February in a leap year', () => {
    expect(parseSourceDate('29/02/2020 10:00')).toEqual(utc('2020-02-29T03:00:00'))
  })
})
