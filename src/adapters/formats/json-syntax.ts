/**
 * The grammar states of the byte-level JSON scan (json-chat-splitter.ts) and what its errors say.
 * The messages are those of stream-json 1.9's Parser, which read these files before: an import's
 * failure reads the same as it did (test/adapters/snapshots/livechat/ holds some).
 */

/** What the scan expects next: one of the numbers below (plain numbers keep the scan fast). */
export type Expect = number

export const VALUE = 0
/** A value or `]`, right after `[`. */
export const FIRST_VALUE = 1
export const KEY = 2
/** A key or `}`, right after `{`. */
export const FIRST_KEY = 3
export const COLON = 4
export const ARRAY_STOP = 5
export const OBJECT_STOP = 6
/** The top-level value ended: only whitespace may follow. */
export const DONE = 7
export const STRING = 8
export const KEY_STRING = 9
export const ESCAPE = 10
export const HEX = 11
/** After a `-`: a digit must follow. */
export const NUMBER_START = 12
export const INTEGER_DIGITS = 13
/** After the integer part: `.`, `e` or the number's end. */
export const FRACTION = 14
export const FRACTION_START = 15
export const FRACTION_DIGITS = 16
export const EXPONENT_SIGN = 17
export const EXPONENT_START = 18
export const EXPONENT_DIGITS = 19
/** Inside `true`, `false` or `null`. */
export const LITERAL = 20
/** Right after a literal: a letter or digit may not follow. */
export const LITERAL_END = 21
/** Inside a multi-byte character where whitespace may be. */
export const WIDE_SPACE = 22

const CANNOT = 'Parser cannot parse input: '

/** The error of an unexpected byte (the first byte of an unexpected character) in `state`. */
export function syntaxErrorAt(state: Expect, byte: number): Error {
  return new Error(CANNOT + unexpected(state, String.fromCharCode(byte)))
}

function unexpected(state: Expect, char: string): string {
  switch (state) {
    case VALUE:
    case FIRST_VALUE:
    case LITERAL:
    case LITERAL_END:
      return state === VALUE && char === ']' ? "unexpected token ']'" : 'expected a value'
    case KEY:
    case FIRST_KEY:
      return state === KEY && char === '}' ? "unexpected token '}'" : 'expected an object key'
    case COLON:
      return "expected ':'"
    case ARRAY_STOP:
      return char === '}' ? "expected ']'" : "expected ','"
    case OBJECT_STOP:
      return char === ']' ? "expected '}'" : "expected ','"
    case DONE:
      return 'unexpected characters'
    case NUMBER_START:
      return 'expected a starting digit'
    case FRACTION_START:
      return 'expected a fractional part of a number'
    case EXPONENT_SIGN:
    case EXPONENT_START:
      return 'expected an exponent part of a number'
    default:
      return 'escaped characters'
  }
}

/**
 * The error of input ending in `state`, null when the input may end there. `nested` tells
 * whether a container is still open around a number or literal that the end completes.
 */
export function endOfInputError(state: Expect, nested: boolean): Error | null {
  switch (state) {
    case DONE:
      return null
    case INTEGER_DIGITS:
    case FRACTION:
    case FRACTION_DIGITS:
    case EXPONENT_DIGITS:
    case LITERAL_END:
      return nested ? new Error(`${CANNOT}expected ','`) : null
    case VALUE:
    case FIRST_VALUE:
      return new Error('Parser has expected a value')
    case STRING:
    case KEY_STRING:
      return new Error('Parser has expected a string value')
    case EXPONENT_SIGN:
      return new Error('Parser has expected an exponent value of a number')
    case OBJECT_STOP:
    case ARRAY_STOP:
      return new Error(`${CANNOT}expected ','`)
    default:
      // Where input was left over that could not be read (a cut escape, a cut `true`).
      return syntaxErrorAt(state, 0)
  }
}

/**
 * The bytes still to come of a character JavaScript's `\s` takes for whitespace (stream-json
 * matched whitespace with it) that starts with `lead`, or -1 when no such character does.
 */
export function wideSpaceLength(lead: number): number {
  if (lead === 0xc2) return 1
  return lead === 0xe1 || lead === 0xe2 || lead === 0xe3 || lead === 0xef ? 2 : -1
}

/**
 * Whether a character's UTF-8 bytes, read as one big-endian number, are whitespace to `\s`:
 * U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF.
 */
export function isWideSpace(bytes: number): boolean {
  return (
    bytes === 0xc2a0 ||
    bytes === 0xe19a80 ||
    (bytes >= 0xe28080 && bytes <= 0xe2808a) ||
    bytes === 0xe280a8 ||
    bytes === 0xe280a9 ||
    bytes === 0xe280af ||
    bytes === 0xe2819f ||
    bytes === 0xe38080 ||
    bytes === 0xefbbbf
  )
}

/** A byte that ends the number before it: the byte is not part of it. */
export const NUMBER_END = -1
/** A byte that cannot follow what came of the number so far. */
export const NUMBER_ERROR = -2

/** The state after `byte` inside a number, in `state`; or NUMBER_END or NUMBER_ERROR. */
export function numberStep(state: Expect, byte: number): Expect {
  const digit = byte >= 0x30 && byte <= 0x39
  const exponent = byte === 0x65 || byte === 0x45
  switch (state) {
    case NUMBER_START:
      return !digit ? NUMBER_ERROR : byte === 0x30 ? FRACTION : INTEGER_DIGITS
    case INTEGER_DIGITS:
    case FRACTION:
      if (digit && state === INTEGER_DIGITS) return state
      return byte === 0x2e ? FRACTION_START : exponent ? EXPONENT_SIGN : NUMBER_END
    case FRACTION_START:
      return digit ? FRACTION_DIGITS : NUMBER_ERROR
    case FRACTION_DIGITS:
      return digit ? state : exponent ? EXPONENT_SIGN : NUMBER_END
    case EXPONENT_SIGN:
      if (byte === 0x2b || byte === 0x2d) return EXPONENT_START
      return digit ? EXPONENT_DIGITS : NUMBER_ERROR
    case EXPONENT_START:
      return digit ? EXPONENT_DIGITS : NUMBER_ERROR
    default:
      return digit ? state : NUMBER_END
  }
}

export function isShortEscape(byte: number): boolean {
  // b f n r t " \ /
  return (
    byte === 0x62 ||
    byte === 0x66 ||
    byte === 0x6e ||
    byte === 0x72 ||
    byte === 0x74 ||
    byte === 0x22 ||
    byte === 0x5c ||
    byte === 0x2f
  )
}

export function isHexDigit(byte: number): boolean {
  return (
    (byte >= 0x30 && byte <= 0x39) ||
    (byte >= 0x41 && byte <= 0x46) ||
    (byte >= 0x61 && byte <= 0x66)
  )
}

/** What JavaScript's `\b` takes for a word character: `true1` is no literal. */
export function isWordByte(byte: number): boolean {
  return (
    isHexDigit(byte) ||
    (byte >= 0x47 && byte <= 0x5a) ||
    (byte >= 0x67 && byte <= 0x7a) ||
    byte === 0x5f
  )
}
