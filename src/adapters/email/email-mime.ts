import {
  MailParser,
  type Attachment,
  type AttachmentStream,
  type MailParserOptions,
  type ParsedMail,
} from 'mailparser'

/** mailparser's node for one MIME part, as far as the override below reads and sets it. */
interface PartNode {
  isAttachment?: boolean
}

/**
 * mailparser reads a `text/plain` or `text/html` part that is inline or has no
 * Content-Disposition as body text even when it has a file name, as Apple Mail and Pine send
 * attached `.txt`/`.html` files. A part with a file name is an attachment here, whatever its type.
 */
class NamedPartsParser extends MailParser {
  constructor(options: MailParserOptions) {
    super(options)
    const parser = this as unknown as { createNode(data: { filename?: string }): PartNode }
    const createNode = parser.createNode.bind(this)
    parser.createNode = (data) => {
      const node = createNode(data)
      if (node.isAttachment === false && data.filename) node.isAttachment = true
      return node
    }
  }
}

/**
 * Parses one message like mailparser's simpleParser (headers, body text and HTML, attachments
 * buffered with their checksum), with named text parts as attachments.
 */
export function parseMime(bytes: Buffer, options: MailParserOptions): Promise<ParsedMail> {
  return new Promise((resolve, reject) => {
    const parser = new NamedPartsParser(options)
    const mail = { attachments: [] as Attachment[] } as unknown as ParsedMail
    let settled = false
    const settle = (error: Error | null): void => {
      if (settled) return
      settled = true
      if (error) reject(error)
      else resolve(mail)
    }
    parser.on('error', settle)
    parser.on('headers', (headers: ParsedMail['headers']) => {
      mail.headers = headers
      mail.headerLines = parser.headerLines || []
    })
    parser.on('data', (data: { type: string } & Record<string, unknown>) => {
      if (data.type === 'text') {
        if (typeof data.text === 'string') mail.text = data.text
        if (typeof data.html === 'string') mail.html = data.html
        return
      }
      if (data.type === 'attachment') bufferAttachment(data as unknown as AttachmentStream, mail)
    })
    parser.on('end', () => {
      const subject = mail.headers?.get('subject')
      if (typeof subject === 'string') mail.subject = subject
      settle(null)
    })
    parser.end(bytes)
  })
}

/** Reads an attachment's content into memory, then lets the parser go on. */
function bufferAttachment(stream: AttachmentStream, mail: ParsedMail): void {
  const chunks: Buffer[] = []
  stream.content.on('data', (chunk: Buffer) => chunks.push(chunk))
  stream.content.on('end', () => {
    const attachment = stream as unknown as Attachment
    attachment.content = Buffer.concat(chunks)
    mail.attachments.push(attachment)
    stream.release?.()
  })
}

/** The part's media type, lower-cased; a part header `Content-Type: ; name=…` gives none. */
export function partType(attachment: Pick<Attachment, 'contentType'>): string {
  const type: unknown = attachment.contentType
  return typeof type === 'string' && type.trim()
    ? type.trim().toLowerCase()
    : 'application/octet-stream'
}
