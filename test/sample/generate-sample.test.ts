import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNELS } from '../../src/domain/channel.js'
import { generateSample, type SampleManifest } from '../../src/sample/generate-sample.js'
import { CONSULTATION_PLAN, DOCUMENT_PLAN } from '../../src/sample/plan.js'

const SEED = 7
const folders: string[] = []
let manifest: SampleManifest
let again: SampleManifest

const sha256Of = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')
const textOf = (relative: string) => readFile(join(folders[0]!, relative), 'utf8')

beforeAll(async () => {
  folders.push(
    await mkdtemp(join(tmpdir(), 'dering-sample-')),
    await mkdtemp(join(tmpdir(), 'dering-sample-')),
  )
  manifest = await generateSample({ outDir: folders[0]!, seed: SEED })
  again = await generateSample({ outDir: folders[1]!, seed: SEED })
}, 120_000)

afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true })
})

describe('generateSample', () => {
  it('writes every file it lists, in a folder per channel', async () => {
    for (const file of manifest.files) {
      expect(file.path.startsWith(`${file.channel}/`)).toBe(true)
      expect((await stat(join(folders[0]!, file.path))).size).toBe(file.bytes)
    }
    expect(new Set(manifest.files.map((file) => file.channel))).toEqual(new Set(CHANNELS))
    expect(manifest.files.map((file) => file.path)).toEqual(
      expect.arrayContaining([
        'whatsapp/ticket-export-2021-12.csv',
        'whatsapp/ticket-export-2021-12-15.csv',
        'whatsapp/ticket-export-2021-10.xlsx',
        'phone/cms-call-records-2020-01.csv',
        'phone/cdr-2021-12.txt',
        'email/konsultasi-2020-01-0001.eml',
        'email/konsultasi-2021-12.mbox',
        'email/lapor-2021-12.mbox',
        'hai_kemenkeu/hai-kemenkeu-2021-12.csv',
        'livechat/chats-2021-12.ndjson',
        'livechat/chats-2021-12-15-page-1.json',
      ]),
    )
  })

  it('expects exactly the planned consultations and Email Lapor documents', () => {
    expect(manifest.consultations).toEqual(CONSULTATION_PLAN)
    expect(manifest.documents).toEqual(DOCUMENT_PLAN)
    for (const channel of CHANNELS) {
      const consultations = Object.values(CONSULTATION_PLAN).reduce(
        (sum, counts) => sum + counts[channel],
        0,
      )
      expect(manifest.channels[channel].tickets).toBeGreaterThanOrEqual(consultations)
    }
    expect(manifest.channels.whatsapp.rejects).toBeGreaterThan(0)
    expect(manifest.channels.phone.skipped['outgoing call']).toBeGreaterThan(0)
    expect(manifest.channels.email.skipped['agent reply']).toBeGreaterThan(0)
    expect(manifest.channels.hai_kemenkeu.skipped['other unit']).toBeGreaterThan(0)
    expect(manifest.channels.livechat.skipped['agent-to-agent chat']).toBeGreaterThan(0)
  })

  it('writes the same bytes for the same seed', async () => {
    expect(again).toEqual(manifest)
    const sample = [
      'whatsapp/ticket-export-2021-10.xlsx',
      'phone/cdr-2021-11.txt',
      'email/lapor-2021-03.mbox',
    ]
    for (const path of sample) {
      const listed = manifest.files.find((file) => file.path === path)!.sha256
      expect(await sha256Of(join(folders[0]!, path))).toBe(listed)
      expect(await sha256Of(join(folders[1]!, path))).toBe(listed)
    }
  })

  it('writes each format as real exports look', async () => {
    const sociomile = await textOf('whatsapp/ticket-export-2021-12.csv')
    expect(sociomile.startsWith('\uFEFFTicket ID;Channel;')).toBe(true)
    expect(sociomile.split('\r\n').length).toBeGreaterThan(844)
    const xlsx = await readFile(join(folders[0]!, 'whatsapp/ticket-export-2021-10.xlsx'))
    expect(xlsx.subarray(0, 2).toString()).toBe('PK')

    const cdr = (await textOf('phone/cdr-2021-12.txt')).split('\r\n').filter(Boolean)
    expect(cdr[0]).toMatch(/^\d\d \d\d$/)
    expect(
      cdr.filter((line) => /^\d{6} \d{4} /.test(line)).every((line) => line.length === 100),
    ).toBe(true)

    const mbox = await textOf('email/konsultasi-2021-12.mbox')
    expect(mbox).toMatch(/^From \S+ \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d 2021\n/)
    expect(mbox).toContain('References: <')

    const hai = await textOf('hai_kemenkeu/hai-kemenkeu-2021-12.csv')
    expect(hai.split('\n')[0]).toBe(
      'Ticket ID,Ref,Subject,Status,Unit Eselon I Terkait,Agent,Date Created,Date First Agent Reply,Date Resolved,Kategori Layanan,Topik Permasalahan,Jenis Stakeholder',
    )
    const page = JSON.parse(await textOf('livechat/chats-2021-12-15-page-1.json')) as {
      data: { status: string }[]
      meta: { pagination: { current_page: number } }
    }
    expect(page.meta.pagination.current_page).toBe(1)
    expect(page.data.some((chat) => chat.status === 'open')).toBe(true)
  })

  it('refuses a folder that already holds a sample', async () => {
    await expect(generateSample({ outDir: folders[0]!, seed: SEED })).rejects.toThrow(
      /already holds files/,
    )
  })
})
