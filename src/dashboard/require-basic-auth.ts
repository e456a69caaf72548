import { createHash, timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'

export interface Credentials {
  user: string
  password: string
}

/** HTTP basic auth against one user; compares digests so timing tells nothing about the secret. */
export function requireBasicAuth(credentials: Credentials): RequestHandler {
  const expected = digest(`${credentials.user}:${credentials.password}`)
  return (request, response, next) => {
    const header = request.headers.authorization ?? ''
    const match = /^Basic\s+(\S+)$/i.exec(header)
    const given = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : ''
    if (match && timingSafeEqual(digest(given), expected)) {
      next()
      return
    }
    response.setHeader('WWW-Authenticate', 'Basic realm="dering", charset="UTF-8"')
    response.status(401).type('text/plain').send('authentication required\n')
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}
