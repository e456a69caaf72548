import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hmacSha256Hex } from '../../src/domain/hmac-sha256.js'

describe('hmacSha256Hex', () => {
  const secrets = [
    '',
    's',
    'dering-secret',
    'k'.repeat(64),
    'ĸ'.repeat(40),
    'long'.repeat(50),
    '\uD800k',
  ]
  const texts = [
    '',
    '6281234567890',
    'budi@slemankab.go.id',
    'é✓𝄞',
    'x'.repeat(5000),
    'y',
    'a\uDC00\0',
  ]

  it.each(secrets)('gives createHmac’s digest under the key %j', (secret) => {
    const keyOf = hmacSha256Hex(secret)
    for (const text of texts) {
      expect(keyOf(text)).toBe(createHmac('sha256', secret).update(text).digest('hex'))
    }
  })

  it('pads messages of every length around the block boundaries', () => {
    const keyOf = hmacSha256Hex('dering-secret')
    for (let length = 0; length <= 200; length++) {
      // UTF-8 lengths one to four bytes a character past each boundary, too.
      for (const text of ['a', 'é', '✓', '𝄞'].map((last) => 'a'.repeat(length) + last)) {
        expect(keyOf(text)).toBe(createHmac('sha256', 'dering-secret').update(text).digest('hex'))
      }
    }
  })

  it('agrees with the RFC 4231 test case 2', () => {
    expect(hmacSha256Hex('Jefe')('what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    )
  })
})
