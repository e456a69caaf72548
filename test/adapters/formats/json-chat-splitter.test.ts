import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  JsonChatSplitter,
  type ChatText,
} from '../../../src/adapters/formats/json-chat-splitter.js'

const MAX_BYTES = 1 << 20

/** The splitter's chats and failure over `bytes` cut into chunks at `cuts`. */
function split(shape: 'array' | 'page', bytes: Buffer, cuts: number[]) {
  const splitter = new JsonChatSplitter(shape, MAX_BYTES)
  const chats: ChatText[] = []
  let from = 0
  for (const cut of [...cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b)]) {
    splitter.write(bytes.subarray(from, Math.max(from, cut)))
    chats.push(...splitter.take())
    from = Math.max(from, cut)
  }
  splitter.write(bytes.subarray(from))
  splitter.end()
  chats.push(...splitter.take())
  return { texts: chats.map((chat) => ('text' in chat ? chat.text : null)), splitter }
}

const chat = fc.oneof(
  { weight: 3, arbitrary: fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue()) },
  fc.jsonValue({ maxDepth: 2 }),
)
/** A page or array of chats as text, in the layouts exports come in. */
const page = fc
  .record({
    chats: fc.array(chat, { maxLength: 6 }),
    shape: fc.constantFrom('array', 'page', 'meta first'),
    indent: fc.constantFrom(undefined, 2, '\t'),
    cuts: fc.array(fc.nat(), { maxLength: 5 }),
  })
  .map(({ chats, shape, indent, cuts }) => {
    const meta = { pagination: { total: chats.length, data: [] } }
    const value =
      shape === 'array' ? chats : shape === 'page' ? { data: chats, meta } : { meta, data: chats }
    const text = JSON.stringify(value, null, indent)
    return { shape: shape === 'array' ? ('array' as const) : ('page' as const), text, cuts }
  })

describe('JsonChatSplitter', () => {
  it('splits any valid page into the chats JSON.parse finds, each as its text in the file', () => {
    fc.assert(
      fc.property(page, ({ shape, text, cuts }) => {
        const { texts, splitter } = split(shape, Buffer.from(text), cuts)
        expect(splitter.failure).toBeNull()
        const parsed = JSON.parse(text) as unknown[] | { data: unknown[] }
        const expected = Array.isArray(parsed) ? parsed : parsed.data
        expect(texts.map((t) => JSON.parse(t!) as unknown)).toEqual(expected)
        let at = 0
        for (const t of texts) {
          at = text.indexOf(t!, at)
          expect(at).toBeGreaterThanOrEqual(0)
          at += t!.length
        }
      }),
      { numRuns: 300 },
    )
  })

  it('gives the chats before the cut of a page cut short, then fails', () => {
    fc.assert(
      fc.property(page, fc.nat(), ({ shape, text, cuts }, cutAt) => {
        const end = text.trimEnd().length
        const bytes = Buffer.from(text.slice(0, cutAt % end))
        const { texts, splitter } = split(shape, bytes, cuts)
        expect(splitter.failure).toBeInstanceOf(Error)
        const whole = split(shape, Buffer.from(text), []).texts
        expect(texts).toEqual(whole.slice(0, texts.length))
      }),
      { numRuns: 300 },
    )
  })

  it('holds a number chat until the byte after it is valid, as stream-json did', () => {
    const run = (text: string) => split('array', Buffer.from(text), [])
    expect(run('[1 ,2]').texts).toEqual(['1', '2'])
    expect(run('[1\u00a0,2]').texts).toEqual(['1', '2'])
    expect(run('[1x]').texts).toEqual([])
    expect(run('[1x]').splitter.failure?.message).toBe("Parser cannot parse input: expected ','")
    expect(run('[true').texts).toEqual(['true'])
  })
})
