import { describe, expect, it } from 'vitest'
import { Utf8Builder } from '../../src/db/utf8-builder.js'

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8')

describe('Utf8Builder', () => {
  it('writes text as UTF-8, whatever its characters', () => {
    const builder = new Utf8Builder()
    for (const part of ['[', '"Bapak Ådi"', ',', '"数据 🙏"', ']']) builder.append(part)
    const bytes = builder.bytes()
    expect(text(bytes)).toBe('["Bapak Ådi","数据 🙏"]')
    expect(bytes.byteLength).toBe(Buffer.byteLength('["Bapak Ådi","数据 🙏"]'))
  })

  it('grows past its first buffer without losing what it holds', () => {
    const builder = new Utf8Builder()
    const parts = Array.from({ length: 5000 }, (_, i) => `${i}:${'é'.repeat(i % 50)}🙏;`)
    for (const part of parts) builder.append(part)
    builder.append('x'.repeat(300_000))
    expect(text(builder.bytes())).toBe(parts.join('') + 'x'.repeat(300_000))
  })

  it('gives a plain Uint8Array over memory of its own, which can be transferred', () => {
    const builder = new Utf8Builder()
    builder.append('abc')
    const bytes = builder.bytes()
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype)
    const { port1, port2 } = new MessageChannel()
    port1.postMessage(bytes, [bytes.buffer])
    port1.close()
    port2.close()
    expect(bytes.buffer.byteLength).toBe(0) // moved, not copied
  })
})
