import { decodeXmlText } from './xml-text.js'

/** The attributes of the start tag being reported, by local name (`r:id` is `id`). */
export interface XmlAttributes {
  get(name: string): string | undefined
}

/** What a part's reader does with its elements; names are local (`x:row` is `row`). */
export interface XmlHandler {
  open(name: string, attributes: XmlAttributes, selfClosing: boolean): void
  close(name: string): void
  /** Character data (entities decoded), asked for only while `wantsText` is true. */
  text(text: string): void
  readonly wantsText: boolean
}

/** A tag, text run or comment longer than this fails the part (no cell holds 1 MB of XML). */
const MAX_TOKEN = 4 << 20

const LT = 0x3c
const GT = 0x3e
const SLASH = 0x2f
const BANG = 0x21
const QUESTION = 0x3f
const COLON = 0x3a
const EQUALS = 0x3d
const QUOTE = 0x22
const APOSTROPHE = 0x27

/**
 * A small streaming XML scanner for the parts of an XLSX package: start and end tags, text,
 * comments, CDATA and processing instructions. It keeps only the token that a chunk cut short.
 * A DTD is refused: package parts may not declare one, and it is how entity-expansion attacks
 * arrive.
 */
export class XmlScanner implements XmlAttributes {
  private buffer = ''
  private at = 0
  /** The start tag being reported: its attributes span [tagStart, tagEnd). */
  private tagStart = 0
  private tagEnd = 0
  /** The tag's attributes once indexed (-1: not yet): spans in `attributeSpans`. */
  private attributeCount = -1
  private readonly attributeSpans: number[] = []

  constructor(
    private readonly handler: XmlHandler,
    private readonly part: string,
  ) {}

  write(chunk: string): void {
    this.buffer = this.at < this.buffer.length ? this.buffer.slice(this.at) + chunk : chunk
    this.at = 0
    this.scan()
    if (this.buffer.length - this.at > MAX_TOKEN) {
      throw new Error(`${this.part} holds a tag or text of more than ${MAX_TOKEN >> 20} MB`)
    }
  }

  /** The part ended: an unfinished tag is an error; trailing text is ignored. */
  end(): void {
    if (this.buffer.indexOf('<', this.at) >= 0) throw new Error(`${this.part} ends inside a tag`)
  }

  get(name: string): string | undefined {
    if (this.attributeCount < 0) this.indexAttributes()
    const buffer = this.buffer
    const spans = this.attributeSpans
    for (let i = 0; i < this.attributeCount * 4; i += 4) {
      const start = spans[i]!
      if (spans[i + 1]! - start === name.length && buffer.startsWith(name, start)) {
        return decodeXmlText(buffer.slice(spans[i + 2], spans[i + 3]), this.part)
      }
    }
    return undefined
  }

  /** One pass over the tag's attributes: local name and value spans, four numbers each. */
  private indexAttributes(): void {
    const buffer = this.buffer
    const end = this.tagEnd
    const spans = this.attributeSpans
    let count = 0
    let i = this.tagStart
    for (;;) {
      while (i < end && isSpace(buffer.charCodeAt(i))) i++
      if (i >= end) break
      let localStart = i
      while (i < end && buffer.charCodeAt(i) !== EQUALS && !isSpace(buffer.charCodeAt(i))) {
        if (buffer.charCodeAt(i) === COLON) localStart = i + 1
        i++
      }
      const localEnd = i
      while (i < end && buffer.charCodeAt(i) !== EQUALS) i++
      i++
      while (i < end && isSpace(buffer.charCodeAt(i))) i++
      const quote = buffer.charCodeAt(i)
      if (quote !== QUOTE && quote !== APOSTROPHE) break
      const valueEnd = buffer.indexOf(quote === QUOTE ? '"' : "'", i + 1)
      if (valueEnd < 0 || valueEnd > end) break
      spans[count * 4] = localStart
      spans[count * 4 + 1] = localEnd
      spans[count * 4 + 2] = i + 1
      spans[count * 4 + 3] = valueEnd
      count++
      i = valueEnd + 1
    }
    this.attributeCount = count
  }

  private scan(): void {
    const buffer = this.buffer
    const handler = this.handler
    for (;;) {
      const lt = buffer.indexOf('<', this.at)
      if (lt < 0) return
      if (lt > this.at && handler.wantsText) {
        handler.text(decodeXmlText(buffer.slice(this.at, lt), this.part))
      }
      const next = buffer.charCodeAt(lt + 1)
      if (next === SLASH) {
        const gt = buffer.indexOf('>', lt)
        if (gt < 0) return this.keep(lt)
        handler.close(localName(buffer, lt + 2, gt))
        this.at = gt + 1
      } else if (next === BANG || next === QUESTION) {
        const after = this.special(lt)
        if (after < 0) return this.keep(lt)
        this.at = after
      } else if (lt + 1 < buffer.length) {
        // The name, then (only if attributes follow) the `>` past any quoted values.
        let nameStart = lt + 1
        let i = nameStart
        let code = buffer.charCodeAt(i)
        while (i < buffer.length && code !== GT && code !== SLASH && !isSpace(code)) {
          if (code === COLON) nameStart = i + 1
          code = buffer.charCodeAt(++i)
        }
        const gt = code === GT ? i : tagEnd(buffer, i)
        if (gt === MALFORMED) throw this.malformed(lt)
        if (gt < 0) return this.keep(lt)
        const selfClosing = buffer.charCodeAt(gt - 1) === SLASH
        const name = buffer.slice(nameStart, i)
        this.tagStart = i
        this.tagEnd = selfClosing ? gt - 1 : gt
        this.attributeCount = -1
        this.at = gt + 1
        handler.open(name, this, selfClosing)
        if (selfClosing) handler.close(name)
      } else {
        return this.keep(lt)
      }
    }
  }

  /** A comment, CDATA section or processing instruction at `lt`: the index after it, or -1. */
  private special(lt: number): number {
    const buffer = this.buffer
    if (buffer.startsWith('<!--', lt)) return after(buffer, '-->', lt + 4)
    if (buffer.startsWith('<![CDATA[', lt)) {
      const end = buffer.indexOf(']]>', lt + 9)
      if (end < 0) return -1
      if (this.handler.wantsText) this.handler.text(buffer.slice(lt + 9, end))
      return end + 3
    }
    if (buffer.charCodeAt(lt + 1) === QUESTION) return after(buffer, '?>', lt + 2)
    if (buffer.length - lt < 9) return -1
    if (buffer.startsWith('<!DOCTYPE', lt)) {
      throw new Error(`${this.part} declares a DTD, which no XLSX part may have`)
    }
    throw this.malformed(lt)
  }

  private malformed(at: number): Error {
    const excerpt = JSON.stringify(this.buffer.slice(at, at + 20))
    return new Error(`${this.part} is not well-formed XML at ${excerpt}`)
  }

  private keep(from: number): void {
    this.at = from
  }
}

function after(buffer: string, terminator: string, from: number): number {
  const end = buffer.indexOf(terminator, from)
  return end < 0 ? -1 : end + terminator.length
}

const MALFORMED = -2

/** The `>` closing the start tag whose name begins at `from`, skipping quoted values; or -1. */
function tagEnd(buffer: string, from: number): number {
  for (let i = from; i < buffer.length; i++) {
    const code = buffer.charCodeAt(i)
    if (code === GT) return i
    if (code === QUOTE || code === APOSTROPHE) {
      i = buffer.indexOf(code === QUOTE ? '"' : "'", i + 1)
      if (i < 0) return -1
    } else if (code === LT) {
      return MALFORMED
    }
  }
  return -1
}

function localName(buffer: string, start: number, end: number): string {
  let from = start
  let to = end
  for (let i = start; i < end; i++) {
    const code = buffer.charCodeAt(i)
    if (code === COLON) from = i + 1
    else if (isSpace(code)) {
      to = i
      break
    }
  }
  return buffer.slice(from, to)
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d
}
