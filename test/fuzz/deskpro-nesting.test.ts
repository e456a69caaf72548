import { describe, expect, it } from 'vitest'
import { parseDeskproLivechat } from '../../src/adapters/livechat/deskpro-livechat.js'
import { runAdapterOn } from '../adapters/run-adapter.js'

// Found by fuzzing: a chat nested thousands of levels deep overflowed JSON.stringify, which lost
// the chats after it in a JSON array, and in NDJSON failed the batch when the raw chat was stored.
const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
const chat = (id: number, extra = '') => `{"id":${id},"date_created":"2021-12-01 02:11:05"${extra}}`

describe('deeply nested Deskpro chats', () => {
  it('rejects a too deeply nested NDJSON chat and loads the next one', async () => {
    const outputs = await runAdapterOn(
      parseDeskproLivechat,
      `${chat(1, `,"x":${deep(100)}`)}\n${chat(2)}\n`,
      'chats.ndjson',
    )
    expect(
      outputs.map((o) => [o.kind, o.recordNumber, o.kind === 'reject' ? o.reason : null]),
    ).toEqual([
      ['reject', 1, 'nested deeper than 64 levels'],
      ['ticket', 2, null],
    ])
  })

  it('rejects a chat nested 20,000 levels deep in a JSON array and loads the chats after it', async () => {
    const outputs = await runAdapterOn(
      parseDeskproLivechat,
      `[${chat(1, `,"x":${deep(20_000)}`)},${chat(2)}]`,
      'chats.json',
    )
    expect(outputs.map((o) => [o.kind, o.recordNumber])).toEqual([
      ['reject', 1],
      ['ticket', 2],
    ])
    expect(outputs[0]).toMatchObject({
      reason: 'nested deeper than 64 levels',
    })
  })

  it('keeps chats nested as deep as real exports', async () => {
    const outputs = await runAdapterOn(
      parseDeskproLivechat,
      `${chat(1, `,"x":${deep(60)}`)}\n`,
      'chats.ndjson',
    )
    expect(outputs.map((o) => o.kind)).toEqual(['ticket'])
  })

  it('draws the line at 64 levels, counting the chat itself, in objects and arrays alike', async () => {
    const deepArray = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`
    const lines = [
      chat(1, `,"x":${deep(63)}`),
      chat(2, `,"x":${deep(64)}`),
      chat(3, `,"x":${deepArray(63)}`),
      chat(4, `,"x":[1,{"y":${deepArray(63)}}]`),
    ]
    const outputs = await runAdapterOn(parseDeskproLivechat, lines.join('\n'), 'chats.ndjson')
    expect(outputs.map((o) => o.kind)).toEqual(['ticket', 'reject', 'ticket', 'reject'])
  })
})
