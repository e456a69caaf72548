import { createReadStream } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { defaultAdapterContext } from '../../support/adapter-context.js'
import { parseEmail } from '../../../src/adapters/email/email.js'
import type { AdapterOutput } from '../../../src/domain/adapter-output.js'
import { DEFAULT_SEGMENT_MAP } from '../../../src/domain/segment.js'
import { fixturePath, testCustomerKey } from '../run-adapter.js'

/** Runs the email adapter over a fixture, gathering its file notes too. */
async function parseNoting(
  fixture: string,
): Promise<{ outputs: AdapterOutput[]; notes: string[] }> {
  const notes: string[] = []
  const ctx = defaultAdapterContext({
    fileName: fixture,
    customerKey: testCustomerKey,
    segmentMap: DEFAULT_SEGMENT_MAP,
    note: (note) => notes.push(note),
  })
  const outputs: AdapterOutput[] = []
  for await (const output of parseEmail(createReadStream(fixturePath(`email/${fixture}`)), ctx)) {
    outputs.push(output)
  }
  return { outputs, notes }
}

const ticketsOf = (outputs: AdapterOutput[]): [number, string, string | undefined][] =>
  outputs.map((output) =>
    output.kind === 'ticket'
      ? [output.recordNumber, output.event.sourceTicketId, output.event.openedAt?.toISOString()]
      : [output.recordNumber, output.kind, undefined],
  )

describe('parseEmail: mailbox framing', () => {
  // An old Netscape/Eudora folder: `From - …` and `From ???@??? …` lines straight after a MIME
  // closing boundary, a base64 line and a text line, with no blank line before them.
  it('reads every message of a folder without blank lines before From, each with its own date', async () => {
    const { outputs, notes } = await parseNoting('netscape-eudora-no-blank-lines.mbox')
    expect(ticketsOf(outputs)).toEqual([
      [1, 'ns-1@bpkad.slemankab.go.id', '2021-12-01T02:12:45.000Z'],
      [2, 'ns-2@gmail.com', '2021-12-02T03:00:00.000Z'],
      [3, 'eudora-3@bpkad.bantulkab.go.id', '2021-12-03T04:00:00.000Z'],
      [4, 'ns-4@gmail.com', '2021-12-04T05:00:00.000Z'],
    ])
    expect(notes).toEqual([])
  })

  // mboxcl2 (SVR4/Solaris mail): Content-Length bodies, a forwarded mailbox quoted unescaped.
  it('keeps a counted body whole, its envelope-like From line included', async () => {
    const { outputs, notes } = await parseNoting('mboxcl2-content-length.mbox')
    expect(ticketsOf(outputs)).toEqual([
      [1, 'cl-1@mail.gmail.com', '2021-12-06T01:00:00.000Z'],
      [2, 'cl-2@mail.gmail.com', '2021-12-06T02:00:00.000Z'],
    ])
    expect(notes).toEqual([])
  })

  it('gives the file a note when a Content-Length cannot be trusted', async () => {
    const { outputs, notes } = await parseNoting('content-length-wrong.mbox')
    expect(ticketsOf(outputs)).toEqual([
      [1, 'clw-1@mail.gmail.com', '2021-12-07T01:00:00.000Z'],
      [2, 'clw-2@mail.gmail.com', '2021-12-07T02:00:00.000Z'],
    ])
    expect(notes).toEqual([
      expect.stringMatching(/^mbox: Content-Length ignored once \(message 1\)/),
    ])
  })
})
