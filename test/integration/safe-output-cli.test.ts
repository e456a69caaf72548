import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestServices } from '../support/services.js'
import { CLI_ARGS } from '../support/cli.js'

const run = promisify(execFile)
/** Any raw control character a terminal acts on (newline aside). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/

/**
 * A Sociomile export as a hostile sender or file name makes it: ESC/BEL sequences in a file
 * name, a category and a date, and a formula in a category. Human output shows them escaped,
 * --json keeps them exact.
 */
describe('dering CLI output of hostile text', () => {
  const t = useTestServices()
  const dering = (args: string[]) =>
    run(process.execPath, [...CLI_ARGS, ...args], { env: { ...process.env, ...t.env() } })
  let file: string
  beforeAll(async () => {
    await t.startWorker('ingest')
    const dir = await mkdtemp(path.join(tmpdir(), 'dering-hostile-'))
    file = path.join(dir, 'export\u001b]0;owned\u0007.csv')
    const csv = [
      'Ticket ID;Channel;Customer Name;Customer Phone;Subject;Category;Customer Type;Status;Agent;Created At',
      'T-1;WhatsApp;Budi;6281234567890;Tanya;=HYPERLINK("http://x");Pemda;Resolved;Rina;01/12/2021 09:23',
      'T-2;WhatsApp;Siti;6281234567891;Tanya;Dana\u001b[2J Desa;Pemda;Resolved;Rina;01/12/2021 10:00',
      'T-3;WhatsApp;Adi;6281234567892;Tanya;DAU;Pemda;Resolved;Rina;01/12/2021\u001b[31m\u0007',
    ].join('\r\n')
    await writeFile(file, `${csv}\r\n`)
  })

  it('ingest, rejects and status show control characters escaped; --json keeps them', async () => {
    const ingest = await dering(['ingest', file, '--channel', 'whatsapp', '--wait'])
    expect(ingest.stdout).not.toMatch(RAW_CONTROL)
    expect(ingest.stdout).toContain('export\\x1b]0;owned\\x07.csv')

    const rejects = await dering(['rejects'])
    expect(rejects.stdout).not.toMatch(RAW_CONTROL)
    expect(rejects.stdout).toContain('01/12/2021\\x1b[31m\\x07')
    const rejectsJson = JSON.parse((await dering(['rejects', '--json'])).stdout) as unknown
    expect(JSON.stringify(rejectsJson)).toContain(JSON.stringify('\u001b[31m\u0007').slice(1, -1))

    const status = await dering(['status'])
    expect(status.stdout).not.toMatch(RAW_CONTROL)
    expect(status.stdout).toContain('export\\x1b]0;owned\\x07.csv')
    const statusJson = (await dering(['status', '--json'])).stdout
    expect(statusJson).toContain(JSON.stringify(path.basename(file)).slice(1, -1))
  })

  it('report: raw topics reach only --unmatched-topics, escaped in its table, exact in --json', async () => {
    await dering(['rollup', '--all'])
    const csv = (
      await dering(['report', '--year', '2021', '--month', '2021-12', '--format', 'csv'])
    ).stdout
    expect(csv).toContain('top_topics,2021-12,whatsapp,,1,Lainnya,consultations,2')
    expect(csv).not.toContain('HYPERLINK')
    const table = (await dering(['report', '--unmatched-topics'])).stdout
    expect(table).not.toMatch(RAW_CONTROL)
    expect(table).toContain('Dana\\x1b[2J Desa')
    expect(table).toContain('=HYPERLINK("http://x")')
    const json = (await dering(['report', '--unmatched-topics', '--json'])).stdout
    expect(json).toContain(JSON.stringify('Dana\u001b[2J Desa'))
  })
})
