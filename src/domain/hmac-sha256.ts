import { createHash } from 'node:crypto'

const BLOCK_BYTES = 64
/** The message buffer a hasher keeps: contacts are far shorter. */
const KEPT_BYTES = 16 * BLOCK_BYTES

// SHA-256 (FIPS 180-4): the first 32 bits of the fractional parts of the cube roots of the first
// 64 primes, and of the square roots of the first 8.
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])
const INITIAL = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
])

/**
 * HMAC-SHA256 (RFC 2104) under one key, as hex: the digest `createHmac` gives. The key's padded
 * blocks are hashed once, here; each message then costs its own blocks and one more, where a
 * `createHmac` per message hashes the key's two blocks again and builds a native object the
 * garbage collector must later finalize. A worker keys a contact for nearly every record.
 */
export function hmacSha256Hex(secret: string): (text: string) => string {
  let key = Buffer.from(secret, 'utf8')
  if (key.length > BLOCK_BYTES) key = createHash('sha256').update(key).digest()
  const inner = new Sha256Blocks()
  const outer = new Sha256Blocks()
  const innerStart = inner.keyState(key, 0x36)
  const outerStart = outer.keyState(key, 0x5c)
  return (text) => {
    inner.digest(innerStart, text)
    outer.digestOf(outerStart, inner.state)
    return outer.hex()
  }
}

/** SHA-256 over messages that follow one already-hashed 64-byte block (an HMAC key's). */
class Sha256Blocks {
  readonly state = new Int32Array(8)
  private readonly words = new Int32Array(64)
  private readonly block = Buffer.alloc(KEPT_BYTES)

  /** The state after the key, padded to a block and xored with `pad`. */
  keyState(key: Buffer, pad: number): Int32Array {
    const bytes = this.block
    bytes.fill(pad, 0, BLOCK_BYTES)
    for (let i = 0; i < key.length; i++) bytes[i] = bytes[i]! ^ key[i]!
    this.state.set(INITIAL)
    this.compress(bytes, 0)
    return this.state.slice()
  }

  /** Hashes `text` (UTF-8) after the key's block, from its state `start`, into `state`. */
  digest(start: Int32Array, text: string): void {
    const length = Buffer.byteLength(text, 'utf8')
    const padded = paddedLength(length)
    // A rare long text gets a buffer of its own, not kept: the usual one stays small.
    const bytes = padded <= this.block.length ? this.block : Buffer.alloc(padded)
    bytes.write(text, 0, 'utf8')
    this.finish(bytes, start, length, padded)
  }

  /** Hashes a 32-byte digest, given as its state words, after the key's block, into `state`. */
  digestOf(start: Int32Array, digest: Int32Array): void {
    for (let i = 0; i < 8; i++) this.block.writeInt32BE(digest[i]!, 4 * i)
    this.finish(this.block, start, 32, BLOCK_BYTES)
  }

  /** The digest in `state`, as hex. */
  hex(): string {
    for (let i = 0; i < 8; i++) this.block.writeInt32BE(this.state[i]!, 4 * i)
    return this.block.toString('hex', 0, 32)
  }

  private finish(bytes: Buffer, start: Int32Array, length: number, padded: number): void {
    bytes[length] = 0x80
    bytes.fill(0, length + 1, padded - 8)
    // The length in bits, the key's block included, as a 64-bit big-endian number.
    const bits = (length + BLOCK_BYTES) * 8
    bytes.writeUInt32BE(Math.floor(bits / 2 ** 32), padded - 8)
    bytes.writeUInt32BE(bits >>> 0, padded - 4)
    this.state.set(start)
    for (let offset = 0; offset < padded; offset += BLOCK_BYTES) this.compress(bytes, offset)
  }

  private compress(bytes: Buffer, offset: number): void {
    const { words: w, state: s } = this
    for (let i = 0, at = offset; i < 16; i++, at += 4) {
      w[i] = (bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!
      const b = w[i - 2]!
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3)
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10)
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0
    }
    let a = s[0]!
    let b = s[1]!
    let c = s[2]!
    let d = s[3]!
    let e = s[4]!
    let f = s[5]!
    let g = s[6]!
    let h = s[7]!
    for (let i = 0; i < 64; i++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
      const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
      const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0
      h = g
      g = f
      f = e
      e = (d + t1) | 0
      d = c
      c = b
      b = a
      a = (t1 + t2) | 0
    }
    s[0] = (s[0]! + a) | 0
    s[1] = (s[1]! + b) | 0
    s[2] = (s[2]! + c) | 0
    s[3] = (s[3]! + d) | 0
    s[4] = (s[4]! + e) | 0
    s[5] = (s[5]! + f) | 0
    s[6] = (s[6]! + g) | 0
    s[7] = (s[7]! + h) | 0
  }
}

/** A message's length with SHA-256's padding: a 0x80 byte and the 64-bit bit length, to a block. */
function paddedLength(length: number): number {
  return Math.ceil((length + 9) / BLOCK_BYTES) * BLOCK_BYTES
}
