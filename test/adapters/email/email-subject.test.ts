import { describe, expect, it } from 'vitest'
import { normalizeSubject } from '../../../src/adapters/email/email-subject.js'
import { createSubjectThreads } from '../../../src/adapters/email/email-subject-threads.js'

describe('normalizeSubject', () => {
  it.each([
    ['Re: Dana Desa', 'Dana Desa'],
    ['RE: RE: Dana Desa', 'Dana Desa'],
    ['Fwd: FW: Fw: Dana Desa', 'Dana Desa'],
    ['Bls: Balas: BALAS: Dana Desa', 'Dana Desa'],
    ['Trs: Dana Desa', 'Dana Desa'],
    ['[EXTERNAL] Re: [External] Dana Desa', 'Dana Desa'],
    ['Re[2]: Re^3: RE : Dana Desa', 'Dana Desa'],
    ['  Re:Dana   Desa  ', 'Dana Desa'],
    ['Dana Desa: Re: tahap II', 'Dana Desa: Re: tahap II'],
    ['Realisasi Dana Desa', 'Realisasi Dana Desa'],
    ['Resume: BOS', 'Resume: BOS'],
    ['Re: ', ''],
    ['', ''],
  ])('%j → %j', (subject, expected) => {
    expect(normalizeSubject(subject)).toBe(expected)
  })
})

describe('createSubjectThreads', () => {
  const day = (n: number, extraMs = 0): Date =>
    new Date(Date.UTC(2021, 2, 1) + n * 86_400_000 + extraMs)

  it('joins within 14 days of the thread’s last customer message, case-insensitively', () => {
    const threads = createSubjectThreads()
    expect(threads.join('a@x.id', 'Dana Desa', day(0), 'm1')).toBe('m1')
    expect(threads.join('a@x.id', 'dana desa', day(10), 'm2')).toBe('m1')
    expect(threads.join('a@x.id', 'Dana Desa', day(24), 'm3')).toBe('m1')
    expect(threads.join('a@x.id', 'Dana Desa', day(38, 1), 'm4')).toBe('m4')
    expect(threads.join('b@x.id', 'Dana Desa', day(39), 'm5')).toBe('m5')
  })

  it('lets a header-threaded message extend its thread', () => {
    const threads = createSubjectThreads()
    threads.remember('a@x.id', 'Dana Desa', day(0), 'root')
    threads.remember('a@x.id', 'Dana Desa', day(12), 'root')
    expect(threads.join('a@x.id', 'Dana Desa', day(20), 'm3')).toBe('root')
  })

  it('never joins empty subjects', () => {
    const threads = createSubjectThreads()
    expect(threads.join('a@x.id', '', day(0), 'm1')).toBe('m1')
    expect(threads.join('a@x.id', '', day(1), 'm2')).toBe('m2')
  })

  it('joins an older message that arrives late, but only within the last 14 days seen', () => {
    const threads = createSubjectThreads()
    expect(threads.join('a@x.id', 'BOS', day(10), 'late')).toBe('late')
    expect(threads.join('a@x.id', 'BOS', day(3), 'early')).toBe('late')
    expect(threads.join('a@x.id', 'Other', day(40), 'm3')).toBe('m3')
    // 'BOS' was last seen on day 10, more than 14 days before day 40: forgotten.
    expect(threads.join('a@x.id', 'BOS', day(12), 'm4')).toBe('m4')
  })

  it('gives the same answers however many threads it has swept', () => {
    const threads = createSubjectThreads()
    for (let i = 0; i < 5_000; i += 1) threads.join(`c${i}@x.id`, 'Tanya', day(i / 100), `m${i}`)
    expect(threads.join('c4999@x.id', 'Tanya', day(55), 'again')).toBe('m4999')
    expect(threads.join('c0@x.id', 'Tanya', day(1), 'old')).toBe('old')
  })
})
