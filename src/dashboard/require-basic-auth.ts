import { createHash, timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'
import { LoginThrottle } from './login-throttle.js'

export interface Credentials {
  user: string
  password: string
}

/**
 * HTTP basic auth against one user; compares digests so timing tells nothing about the secret,
 * and throttles each client address's wrong passwords (429 with Retry-After).
 */
export function requireBasicAuth(
  credentials: Credentials,
  throttle = new LoginThrottle(),
): RequestHandler {
  const expected = digest(`${credentials.user}:${credentials.password}`)
  return (request, response, next) => {
    const client = request.socket.remoteAddress ?? 'unknown'
    const waitMs = throttle.waitMs(client)
    if (waitMs > 0) {
      response.setHeader('Retry-After', String(Math.ceil(waitMs / 1000)))
      response.status(429).type('text/plain').send('too many wrong passwords; try again later\n')
      return
    }
    const header = request.headers.authorization ?? ''
    const match = /^Basic\s+(\S+)$/i.exec(header)
    const given = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : ''
    if (match && timingSafeEqual(digest(given), expected)) {
      throttle.succeed(client)
      next()
      return
    }
    // A request without credentials is how a browser asks for the login prompt, not a guess.
    if (match) throttle.fail(client)
    response.setHeader('WWW-Authenticate', 'Basic realm="dering", charset="UTF-8"')
    response.status(401).type('text/plain').send('authentication required\n')
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}
