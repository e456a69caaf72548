import { describe, expect, it } from 'vitest'
import { parseEmailDate, parseReceivedDate } from '../../../src/adapters/email/email-date.js'

describe('parseEmailDate', () => {
  it.each([
    ['Wed, 1 Dec 2021 09:12:45 +0700', '2021-12-01T02:12:45Z'],
    ['Tue, 30 Nov 2021 23:30:00 +0000', '2021-11-30T23:30:00Z'],
    ['Tue, 30 Nov 2021 20:30:00 -0330', '2021-12-01T00:00:00Z'],
    ['1 Dec 2021 09:12:45 +0700', '2021-12-01T02:12:45Z'],
    ['Wed, 01 Dec 2021 09:12 +0700', '2021-12-01T02:12:00Z'],
    ['Wed,  1 Dec 2021 09:12:45 +0700 (WIB)', '2021-12-01T02:12:45Z'],
    ['Wed, 1 Dec 2021 09:12:45 +0700 (SE Asia (Standard) Time)', '2021-12-01T02:12:45Z'],
    ['Wed, 1 Dec 2021 09:12:45 +0700 WIB', '2021-12-01T02:12:45Z'],
    ['Wed, 1 Dec 2021\r\n 09:12:45 +0700', '2021-12-01T02:12:45Z'],
    ['wed, 1 DEC 2021 09:12:45 +0700', '2021-12-01T02:12:45Z'],
    ['Wednesday, 1 December 2021 09:12:45 +0700', '2021-12-01T02:12:45Z'],
    ['Wed 1 Dec 2021 09:12:45 +0700', '2021-12-01T02:12:45Z'],
    ['Wed, 1-Dec-2021 09:12:45 +0700', '2021-12-01T02:12:45Z'],
    ['Wed, 1 Sept 2021 09:12:45 +0700', '2021-09-01T02:12:45Z'],
    ['Wed, 1 Dec 2021 09:12:45.123 +0700', '2021-12-01T02:12:45Z'],
    ['Wed, 1 Dec 2021 09:12:45 +07:00', '2021-12-01T02:12:45Z'],
    ['Wed, 1 Dec 2021 09:12:45 GMT+0700', '2021-12-01T02:12:45Z'],
    ['Wed, 1 Dec 2021 09:12:45 UTC+7', '2021-12-01T02:12:45Z'],
    ['Wed, 1 Dec 2021 02:12:45 GMT', '2021-12-01T02:12:45Z'],
    ['Wed, 1 Dec 2021 02:12:45 UT', '2021-12-01T02:12:45Z'],
    ['Wed, 1 Dec 2021 02:12:45 Z', '2021-12-01T02:12:45Z'],
    ['Wed, 1 Dec 2021 02:12:45 -0000', '2021-12-01T02:12:45Z'],
    ['Tue, 30 Nov 2021 21:12:45 EST', '2021-12-01T02:12:45Z'],
    ['Tue, 30 Nov 2021 18:12:45 PDT', '2021-12-01T01:12:45Z'],
    ['Wed, 1 Dec 2021 10:12:45 WITA', '2021-12-01T02:12:45Z'],
    ['Wed, 1 Dec 2021 11:12:45 WIT', '2021-12-01T02:12:45Z'],
    ['Wed, 1 Dec 2021 02:12:45 A', '2021-12-01T02:12:45Z'],
    ['Wed, 1 Dec 21 09:12:45 +0700', '2021-12-01T02:12:45Z'],
    ['Wed, 1 Dec 99 09:12:45 +0700', '1999-12-01T02:12:45Z'],
    ['Wed, 1 Dec 121 09:12:45 +0700', '2021-12-01T02:12:45Z'],
    ['Thu, 31 Dec 2020 23:59:60 +0000', '2020-12-31T23:59:59Z'],
    ['Mon, 29 Feb 2016 12:00:00 +0700', '2016-02-29T05:00:00Z'],
    // A wrong weekday is a sender's slip, not a reason to lose the date.
    ['Fri, 1 Dec 2021 09:12:45 +0700', '2021-12-01T02:12:45Z'],
  ])('reads %j', (text, expected) => {
    expect(parseEmailDate(text)).toEqual(new Date(expected))
  })

  it.each([
    [''],
    ['garbage'],
    ['kemarin sore'],
    ['Rabu, 01 Desember 2021 09:14'],
    ['16/12/2021'],
    ['2021-12-01 09:12:45'],
    // No zone: the wall-clock time cannot be placed, so the Received fallback decides.
    ['Wed, 1 Dec 2021 09:12:45'],
    ['Wed Dec  1 02:12:45 2021'],
    ['Wed, 1 Dec 2021 09:12:45 XYZ'],
    ['Wed, 1 Dec 2021 09:12:45 J'],
    ['Wed, 1 Dec 2021 09:12:45 constructor'],
    ['Wed, 1 Dec 2021 09:12:45 __proto__'],
    ['Wed, 31 Nov 2021 09:12:45 +0700'],
    ['Tue, 29 Feb 2022 09:12:45 +0700'],
    ['Wed, 1 Dec 2021 24:00:00 +0700'],
    ['Wed, 1 Dec 2021 09:60:00 +0700'],
    ['Wed, 1 Dec 2021 09:12:61 +0700'],
    ['Wed, 1 Dec 2021 09:12:45 +0760'],
    ['Wed, 1 Dec 2021 09:12:45 +2500'],
    ['Wed, 1 De 2021 09:12:45 +0700'],
    ['Wed, 1 Dek 2021 09:12:45 +0700'],
  ])('refuses %j', (text) => {
    expect(parseEmailDate(text)).toBeNull()
  })

  it('refuses null and undefined', () => {
    expect(parseEmailDate(null)).toBeNull()
    expect(parseEmailDate(undefined)).toBeNull()
  })
})

describe('parseReceivedDate', () => {
  it('reads the date after the last semicolon', () => {
    const received =
      'from mx2.kemenkeu.go.id (mx2 [10.1.2.3]) by mbox1.kemenkeu.go.id with ESMTPS id 4F1a; ' +
      'for <callcenter.djpk@kemenkeu.go.id>; Wed, 1 Dec 2021 09:15:02 +0700 (WIB)'
    expect(parseReceivedDate(received)).toEqual(new Date('2021-12-01T02:15:02Z'))
  })

  it('is null without a date', () => {
    expect(parseReceivedDate('from a by b with SMTP id 1')).toBeNull()
    expect(parseReceivedDate('from a by b with SMTP id 1; yesterday')).toBeNull()
  })
})
