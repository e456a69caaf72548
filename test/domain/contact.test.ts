import { describe, expect, it } from 'vitest'
import { createCustomerKeyer, normalizeEmail, normalizePhone } from '../../src/domain/contact.js'

describe('normalizePhone', () => {
  it.each([
    ['081234567890', '6281234567890'],
    ['0812-3456-7890', '6281234567890'],
    ['+62 812-3456-7890', '6281234567890'],
    ['+62 812 3456 7890', '6281234567890'],
    ['6281234567890', '6281234567890'],
    ['(0812) 3456 7890', '6281234567890'],
    ['812 3456 7890', '6281234567890'],
    ['(021) 345 6789', '62213456789'],
  ])('%j → %s', (raw, normalized) => {
    expect(normalizePhone(raw)).toBe(normalized)
  })

  it.each(['', '-', 'tidak ada', '1234', '+62'])('%j → null', (raw) => {
    expect(normalizePhone(raw)).toBeNull()
  })
})

describe('normalizeEmail', () => {
  it('lower-cases and trims an address', () => {
    expect(normalizeEmail(' Budi.Santoso@SlemanKab.GO.ID ')).toBe('budi.santoso@slemankab.go.id')
  })

  it.each(['', 'budi', 'budi@', '@slemankab.go.id', 'budi santoso@x.id', 'a@b@c'])(
    '%j → null',
    (raw) => {
      expect(normalizeEmail(raw)).toBeNull()
    },
  )
})

describe('createCustomerKeyer', () => {
  const key = createCustomerKeyer('secret-1')

  it('keys a contact seen before as it did the first time, also past its memory of contacts', () => {
    const contacts = Array.from({ length: 25_000 }, (_, i) => `0812${String(i).padStart(8, '0')}`)
    const first = contacts.map(key)
    const again = contacts.map(key)
    const fresh = contacts.map((contact) => createCustomerKeyer('secret-1')(contact))
    expect(again).toEqual(first)
    expect(first).toEqual(fresh)
    expect(new Set(first).size).toBe(contacts.length)
  })

  it('gives one contact one key, however it is written', () => {
    const phone = key('6281234567890')
    expect(phone).toMatch(/^[0-9a-f]{32}$/)
    expect(['081234567890', '+62 812-3456-7890', '(0812) 3456 7890'].map(key)).toEqual([
      phone,
      phone,
      phone,
    ])
    const email = key('budi@slemankab.go.id')
    expect(email).toMatch(/^[0-9a-f]{32}$/)
    expect(key(' Budi@SlemanKab.go.id ')).toBe(email)
  })

  it('gives different contacts different keys', () => {
    expect(key('081234567890')).not.toBe(key('081234567891'))
    expect(key('budi@slemankab.go.id')).not.toBe(key('siti@slemankab.go.id'))
  })

  it('gives another key under another secret, the same under the same secret', () => {
    expect(createCustomerKeyer('secret-2')('081234567890')).not.toBe(key('081234567890'))
    expect(createCustomerKeyer('secret-1')('081234567890')).toBe(key('081234567890'))
  })

  it('does not contain the contact', () => {
    for (const contact of ['081234567890', 'budi@slemankab.go.id']) {
      const k = key(contact)!
      for (const part of ['81234567890', '6281234567890', '34567890', 'budi', 'slemankab']) {
        expect(k).not.toContain(part)
      }
      expect(k).not.toContain(contact)
    }
  })

  it('gives null for no usable contact', () => {
    expect([null, undefined, '', '   ', '-', 'budi@'].map(key)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ])
  })
})
