import { statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseEmail } from '../../../src/adapters/email/email.js'
import { UnreadableFileError } from '../../../src/errors.js'
import { fixturePath, runAdapter, runAdapterUntilFailure } from '../run-adapter.js'

const sizeOf = (fixture: string) => statSync(fixturePath(`email/${fixture}`)).size

/** What the adapter yielded before it failed, as [kind, record], and the failure's message. */
async function untilFailure(fixture: string): Promise<[(string | number)[][], string | null]> {
  const results = await runAdapterUntilFailure(parseEmail, `email/${fixture}`)
  const failure = results.at(-1)
  const outputs = (failure instanceof Error ? results.slice(0, -1) : results) as {
    kind: string
    recordNumber: number
  }[]
  if (failure instanceof Error) expect(failure).toBeInstanceOf(UnreadableFileError)
  return [
    outputs.map((output) => [output.kind, output.recordNumber]),
    failure instanceof Error ? failure.message : null,
  ]
}

describe('a mailbox or message cut short by the end of the file', () => {
  it('loads the messages before a multipart message cut inside its attachment, then fails there', async () => {
    // A Lapor mailbox copied off a full disk: the copy stopped inside the third message's PDF.
    const fixture = 'lapor-mbox-cut-inside-attachment.mbox'
    const [outputs, failure] = await untilFailure(fixture)
    expect(outputs).toEqual([
      ['document', 1],
      ['document', 1],
      ['document', 2],
    ])
    expect(failure).toBe(
      `${fixture}: reading stopped in record 3 (byte ${sizeOf(fixture)}, the end of the file): ` +
        'message 3 is cut short: its multipart body is never closed ' +
        '(no "--------------0A1B2C3D4E5F60718293A4B5--" line)',
    )
  })

  it('fails an .eml cut inside its attachment', async () => {
    // The same message saved as .eml by a download that stopped early.
    const fixture = 'lapor-eml-cut-inside-attachment.eml'
    await expect(runAdapter(parseEmail, `email/${fixture}`)).rejects.toThrow(
      `${fixture}: reading stopped in record 1 (byte ${sizeOf(fixture)}, the end of the file): ` +
        'message 1 is cut short: its multipart body is never closed',
    )
  })

  it("fails an mboxcl2 mailbox whose last message's Content-Length runs past the end", async () => {
    // mutt/Solaris mailbox (mboxcl2) copied in part: the last body is shorter than it says.
    const fixture = 'mboxcl2-cut-inside-body.mbox'
    const [outputs, failure] = await untilFailure(fixture)
    expect(outputs.map(([, record]) => record)).toEqual([1, 2])
    expect(failure).toBe(
      `${fixture}: reading stopped in record 3 (byte ${sizeOf(fixture)}, the end of the file): ` +
        'message 3 is cut short: its Content-Length of 560 bytes runs past the end of the file',
    )
  })

  it('fails a mailbox whose last message is cut inside a long header block', async () => {
    // A message cut among its 60 Received hops and ARC headers: no blank line, no body.
    const fixture = 'mbox-cut-inside-headers.mbox'
    const [outputs, failure] = await untilFailure(fixture)
    expect(outputs.map(([, record]) => record)).toEqual([1, 2])
    expect(failure).toMatch(
      /^mbox-cut-inside-headers\.mbox: reading stopped in record 3 \(byte \d+, the end of the file\): message 3 is cut short: its headers never end \(no blank line in \d+ bytes\)$/,
    )
  })

  it('reads a whole last message that merely lacks a final newline, multipart or not', async () => {
    // Thunderbird and Apple Mail exports often end without a newline after the last message.
    const outputs = await runAdapter(parseEmail, 'email/mbox-last-message-no-final-newline.mbox')
    expect(outputs.map((output) => [output.kind, output.recordNumber])).toEqual([
      ['document', 1],
      ['document', 1],
      ['document', 2],
      ['ticket', 3],
    ])
    // Single-part and multipart messages ending without a newline are whole too.
    expect(await runAdapter(parseEmail, 'email/lapor-named-text-parts.mbox')).toHaveLength(3)
  })
})
