import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { countBytes } from '../../src/jobs/count-bytes.js'

describe('countBytes', () => {
  it('hands the input on in pieces of at most the size asked, counting what passed', async () => {
    const chunks = [Buffer.alloc(10, 1), Buffer.alloc(3, 2), Buffer.alloc(8, 3)]
    const { stream, bytesRead } = countBytes(Readable.from(chunks), 4)
    const pieces: Buffer[] = []
    for await (const piece of stream) pieces.push(piece as Buffer)
    expect(pieces.map((piece) => piece.length)).toEqual([4, 4, 2, 3, 4, 4])
    expect(Buffer.concat(pieces)).toEqual(Buffer.concat(chunks))
    expect(bytesRead()).toBe(21)
  })
})
