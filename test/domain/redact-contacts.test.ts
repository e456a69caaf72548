import { describe, expect, it } from 'vitest'
import { redactContacts } from '../../src/domain/redact-contacts.js'

/** Contacts as customers type them into subjects and agents into notes. */
describe('redactContacts', () => {
  it.each([
    ['Mohon dihubungi 081234567890', 'Mohon dihubungi [nomor]'],
    ['WA saya +62 812-3456-7890 ya', 'WA saya [nomor] ya'],
    ['hp: 62812.3456.7890.', 'hp: [nomor].'],
    ['telp (021) 345 6789 kantor', 'telp [nomor] kantor'],
    ['0812 3456 789', '[nomor]'],
    ['nomor:+6281234567890', 'nomor:[nomor]'],
    ['kirim ke budi.santoso@gmail.com', 'kirim ke [email]'],
    ['BPKAD <keu.sleman@slemankab.go.id>, cc 0274-868405', 'BPKAD <[email]>, cc [nomor]'],
    ['a+b@x.co.id 0812-3456-7890', '[email] [nomor]'],
    ['the shortest: 081234567', 'the shortest: [nomor]'],
    ['spread out: 0 8 1 2 3 4 5 6 7', 'spread out: [nomor]'],
  ])('%s', (text, expected) => {
    expect(redactContacts(text)).toBe(expected)
  })

  it.each([
    'Dana Desa tahap II 2021',
    'Pencairan 01.12.2021 jam 09.30',
    'Rp 1.250.000.000',
    'NPWP 01.234.567.8-901.000',
    'PMK 62/PMK.07/2021',
    'Tiket 64f934118da23ffa50006002',
    'rekening 1234567890123456',
    'one digit short: 08123456',
    '',
  ])('leaves %j alone', (text) => {
    expect(redactContacts(text)).toBe(text)
  })
})
