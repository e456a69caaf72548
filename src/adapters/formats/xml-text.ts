/**
 * XML character data to text: the five predefined entities and character references. Nothing
 * else is expanded (XLSX parts have no DTD, so no other entity exists): an unknown name fails
 * the part, as a conforming parser fails it.
 */
export function decodeXmlText(raw: string, part: string): string {
  if (!raw.includes('&')) return raw
  return raw.replace(/&([^;&<]*);?/g, (match, name: string) => {
    if (!match.endsWith(';')) throw new Error(`${part} has a bare & in its text`)
    const named = PREDEFINED.get(name)
    if (named !== undefined) return named
    const code = /^#x[0-9a-f]{1,6}$/i.test(name)
      ? parseInt(name.slice(2), 16)
      : /^#[0-9]{1,7}$/.test(name)
        ? parseInt(name.slice(1), 10)
        : -1
    if (code < 0) throw new Error(`${part} uses an undefined entity &${name.slice(0, 20)};`)
    if (!isXmlChar(code)) throw new Error(`${part} refers to an invalid character &${name};`)
    return String.fromCodePoint(code)
  })
}

const PREDEFINED = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
])

/** XML 1.0's Char production. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  )
}
