import { isIP } from 'node:net'
import type { RequestHandler } from 'express'

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1']
const WILDCARD_ADDRESSES = ['0.0.0.0', '::']

/**
 * Answers 421 to a request whose Host header is not a name of this dashboard. A DNS-rebinding
 * page reaches a loopback server under the attacker's own host name, so a name check is what
 * keeps the browser's same-origin rule meaningful. Allowed: the bound host, the loopback names,
 * any IP address when bound to all interfaces (rebinding needs a name, never an address), and
 * the names in DASHBOARD_ALLOWED_HOSTS (e.g. a reverse proxy's). Ports are not compared: a
 * published port (compose, a proxy) may differ from the bound one.
 */
export function requireAllowedHost(
  boundHost: string,
  extraNames: readonly string[],
): RequestHandler {
  const allowed = new Set([boundHost, ...LOOPBACK_NAMES, ...extraNames].map(normalizeName))
  const anyAddress = WILDCARD_ADDRESSES.includes(boundHost)
  return (request, response, next) => {
    const name = hostNameOf(request.headers.host)
    if (name !== null && (allowed.has(name) || (anyAddress && isIP(name) !== 0))) {
      next()
      return
    }
    response
      .status(421)
      .type('text/plain')
      .send('this host name is not served here; add it to DASHBOARD_ALLOWED_HOSTS\n')
  }
}

/** The name of a Host header without its port, brackets of an IPv6 address, case or final dot. */
export function hostNameOf(header: string | undefined): string | null {
  if (!header) return null
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([\w.-]+))(?::(\d{1,5}))?$/.exec(header.trim())
  if (!match) return null
  return normalizeName(match[1] ?? match[2]!)
}

function normalizeName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
}
