import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseDeskproLivechat } from '../../../src/adapters/livechat/deskpro-livechat.js'
import type { AdapterOutput } from '../../../src/domain/adapter-output.js'
import { fixturePath, runAdapter, runAdapterOn, runAdapterUntilFailure } from '../run-adapter.js'

// JSON pages and arrays that a broken export, a damaged disk or a hostile sender could hand in:
// every chat keeps its text as the file holds it, and a file that stops being JSON fails where
// it stops, with the chats before it loaded.

const chat = (id: number, extra = '') =>
  `{"id":${id},"status":"open","date_created":"2021-12-16 01:00:00"${extra}}`

/** Each output as [kind, record number, the ticket's id or the reject's reason]. */
const summary = (outputs: unknown[]) =>
  outputs.map((o) => {
    if (o instanceof Error) return ['failure', o.message.replace(/^[^:]*: /, '')]
    const output = o as AdapterOutput
    if (output.kind === 'ticket') {
      return ['ticket', output.recordNumber, output.event.sourceTicketId]
    }
    return [output.kind, output.recordNumber, output.kind === 'reject' ? output.reason : null]
  })

const fixtureText = (name: string) => readFileSync(fixturePath(`livechat/${name}`), 'utf8')

describe('hostile Deskpro JSON', () => {
  it('reads brackets, escaped quotes and unicode escapes inside strings as text', async () => {
    const outputs = await runAdapter(parseDeskproLivechat, 'livechat/strings-with-brackets.json')
    expect(summary(outputs)).toEqual([
      ['ticket', 1, '6701'],
      ['ticket', 2, '6702'],
    ])
    const [first] = outputs
    expect(first?.kind === 'ticket' && first.event.subject).toBe(
      'Tanya ]} DAU [{ "cepat" \\ DBH 😀',
    )
    // The raw JSON is the chat's text in the file, escapes as written.
    const lines = fixtureText('strings-with-brackets.json').split('\n')
    expect(first?.kind === 'ticket' && first.rawJson).toBe(lines[1]!.slice(0, -1))
  })

  const stopped = (after: number, byte: number, problem: string) =>
    `reading stopped after record ${after} (byte ${byte}): invalid or truncated JSON after ` +
    `chat ${after}: Parser cannot parse input: ${problem}`

  it.each([
    [
      'loads the chats before text that is no JSON after the array, then fails',
      'garbage-after-array.json',
      [
        ['ticket', 1, '6801'],
        ['ticket', 2, '6802'],
        ['failure', stopped(2, 164, 'unexpected characters')],
      ],
    ],
    [
      'loads the first of two pages saved into one file, then fails at the second',
      'second-page-appended.json',
      [
        ['ticket', 1, '6901'],
        ['failure', stopped(1, 248, 'unexpected characters')],
      ],
    ],
    [
      'stops at a NUL byte between chats',
      'nul-between-chats.json',
      [
        ['ticket', 1, '7001'],
        ['failure', stopped(1, 136, 'expected a value')],
      ],
    ],
  ])('%s', async (_name, fixture, expected) => {
    expect(
      summary(await runAdapterUntilFailure(parseDeskproLivechat, `livechat/${fixture}`)),
    ).toEqual(expected)
  })

  it('reads bytes that are no UTF-8 inside a string as U+FFFD', async () => {
    const outputs = await runAdapter(parseDeskproLivechat, 'livechat/invalid-utf8-in-string.json')
    expect(summary(outputs)).toEqual([['ticket', 1, '7101']])
    expect(outputs[0]?.kind === 'ticket' && outputs[0].event.subject).toBe(
      'Tanya Pak Jos\uFFFD DAU',
    )
  })

  it('reads whitespace JSON does not allow between tokens, as stream-json did, as plain spaces', async () => {
    const outputs = await runAdapter(parseDeskproLivechat, 'livechat/odd-whitespace.json')
    expect(summary(outputs)).toEqual([
      ['ticket', 1, '7201'],
      ['ticket', 2, '7202'],
    ])
    expect(outputs[0]?.kind === 'ticket' && outputs[0].rawJson).toBe(
      '{"id":7201, "status":"open", "date_created":"2021-12-16 01:00:00"}',
    )
  })

  it('rejects a chat with a huge string as oversized and reads on', async () => {
    const huge = `{"id":2,"subject":"${'] } \\" ['.repeat(5_000)}"}`
    const file = `{"data":[${chat(1)},${huge},${chat(3)}]}`
    const outputs = await runAdapterOn(parseDeskproLivechat, file, 'page.json', {
      maxRecordBytes: 8192,
    })
    expect(summary(outputs)).toEqual([
      ['ticket', 1, '1'],
      [
        'reject',
        2,
        `record larger than MAX_RECORD_BYTES (${huge.length} bytes, limit 8192): skipped`,
      ],
      ['ticket', 3, '3'],
    ])
  })

  it('stops at nesting deeper than MAX_RECORD_BYTES levels, holding no more than that', async () => {
    // Such a chat is over the limit anyway; its nesting alone would otherwise grow without bound.
    const file = `[${chat(1)},${'['.repeat(3_000)}${']'.repeat(3_000)},${chat(3)}]`
    await expect(
      runAdapterOn(parseDeskproLivechat, file, 'chats.json', { maxRecordBytes: 2048 }),
    ).rejects.toThrow(
      'chats.json: reading stopped after record 1 (byte 6126): invalid or truncated JSON after ' +
        'chat 1: nested more than 2048 levels deep (MAX_RECORD_BYTES)',
    )
  })
})
