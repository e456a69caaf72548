import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { cdrLayoutOfText } from '../../../src/adapters/phone/cdr-detect.js'
import { detectChannel } from '../../../src/adapters/detect-channel.js'
import { DEFAULT_ADAPTER_OPTIONS } from '../../../src/services.js'
import { fixturePath } from '../run-adapter.js'

const CUSTOMIZED_FORM =
  'date:6 time:4 sec-dur:5 space cond-code:1 space calling-num:15 dialed-num:18 space ' +
  'vdn:5 in-crt-id:3 space ucid:20 space return line-feed null:3'

const fixture = (name: string) => readFileSync(fixturePath(`phone/${name}`))

function detect(fileName: string, content: string | Buffer, cdrLayout: string | null = null) {
  return detectChannel(fileName, () => Readable.from([Buffer.from(content)]), {
    ...DEFAULT_ADAPTER_OPTIONS,
    cdrLayout,
  })
}

describe('CDR text is detected in any standard or configured layout', () => {
  it.each([
    ['preset-teleseer.cdr', 'preset:teleseer'],
    ['preset-printer.cdr', 'preset:printer'],
    ['preset-int-isdn.cdr', 'preset:int-isdn'],
    ['sample.cdr', 'default layout'],
  ])('a collector file named .txt holding %s records is phone (%s)', async (name, layout) => {
    // A CDR collector that writes its capture as switch-YYYYMMDD.txt, not .cdr.
    expect(await detect('switch-20211201.txt', fixture(name))).toEqual({
      kind: 'found',
      channel: 'phone',
      by: `fixed-width CDR records (${layout})`,
    })
  })

  it('recognises a customized form only when it is the configured CDR_LAYOUT', async () => {
    // A switch set to a customized form whose items sit back to back, captured to a .log file.
    const content = fixture('customized-form.cdr')
    expect(await detect('cdr.log', content, CUSTOMIZED_FORM)).toMatchObject({
      kind: 'found',
      channel: 'phone',
      by: 'fixed-width CDR records (CDR_LAYOUT)',
    })
    expect(await detect('cdr.log', content)).toMatchObject({ kind: 'unknown' })
  })

  it('still finds the records when the head it reads stops inside one', () => {
    const text = fixture('preset-teleseer.cdr').toString('latin1')
    expect(cdrLayoutOfText(text.slice(0, text.length - 20), null)).toBe('preset:teleseer')
  })

  it.each([
    [
      'a syslog capture',
      'Dec  1 09:12:01 cm1 sshd[2201]: Accepted password for admin from 10.0.0.5 port 52144 ssh2\n'.repeat(
        5,
      ),
    ],
    [
      'a shift roster with times and numbers',
      [
        'Shift roster December 2021 - contact center DJPK',
        '   0800 1600 A  Andi Pratama           ext 4001 floor 3 team blue      notes: training',
        '   1600 2400 B  Budi Santoso           ext 4002 floor 3 team green     notes: none',
        '   0000 0800 C  Citra Lestari          ext 4003 floor 2 team red       notes: on call',
        'Approved by the supervisor on 30 November 2021, revision 3 of the roster document.',
        '',
      ].join('\n'),
    ],
    [
      'a report with one record-like line among prose',
      [
        'Call volume summary, first week of December, prepared for the yearly report meeting.',
        '011221 0912   345 9           0701 150420             081234567890    71001 012 00001041771638324775',
        'The line above is an example record quoted from the switch documentation for the team.',
        'Totals are computed from CMS exports; CDR text is kept only for reconciliation work.',
        'Questions about the figures go to the analyst on duty before the end of the month.',
        '',
      ].join('\n'),
    ],
  ])('does not take %s for CDR text', async (_case, text) => {
    expect(await detect('notes.txt', text)).toMatchObject({ kind: 'unknown' })
  })

  it('keeps a .cdr file phone whatever its content, and ignores an unusable configured layout', async () => {
    expect(await detect('empty.cdr', '')).toMatchObject({ kind: 'found', channel: 'phone' })
    expect(cdrLayoutOfText(fixture('sample.cdr').toString('latin1'), 'date:6 nonsense')).toBe(
      'default layout',
    )
  })
})
