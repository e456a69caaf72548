import type { RequestHandler } from 'express'
import { hostNameOf } from './require-allowed-host.js'

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS']
const SAME_SITE_FETCH = ['same-origin', 'none']
/** A header only a script of this origin (or a non-browser client) can send: a cross-site page
 * would need a CORS preflight, which the dashboard never grants. */
const REQUEST_HEADER = 'x-requested-with'

/**
 * Refuses (403) a mutating request a browser sent on behalf of another site (CSRF): a
 * cross-site form or `text/plain` fetch POST must not add, retry or remove a job. A browser
 * says where a request comes from in Sec-Fetch-Site (current browsers) or Origin (all browsers
 * on POST, PUT and DELETE); a request with neither must carry X-Requested-With.
 */
export function requireSameOrigin(): RequestHandler {
  return (request, response, next) => {
    if (SAFE_METHODS.includes(request.method)) {
      next()
      return
    }
    const fetchSite = request.headers['sec-fetch-site']
    const origin = request.headers.origin
    const sameOrigin =
      typeof fetchSite === 'string'
        ? SAME_SITE_FETCH.includes(fetchSite)
        : origin !== undefined
          ? originMatchesHost(origin, request.headers.host)
          : Boolean(request.headers[REQUEST_HEADER])
    if (sameOrigin) {
      next()
      return
    }
    response
      .status(403)
      .type('text/plain')
      .send('cross-site request refused: changes are only accepted from the dashboard itself\n')
  }
}

/** Origin `scheme://host[:port]` against the Host header; `null` (sandboxed, file:) never matches. */
function originMatchesHost(origin: string, host: string | undefined): boolean {
  if (!URL.canParse(origin) || !host) return false
  const url = new URL(origin)
  return url.host.toLowerCase() === host.trim().toLowerCase() && hostNameOf(host) !== null
}
