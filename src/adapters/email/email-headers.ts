import type { AddressObject, EmailAddress, ParsedMail } from 'mailparser'

export interface MailAddress {
  /** Display name, decoded; empty when the header gave none. */
  name: string
  /** Lower-cased address. */
  address: string
}

export type AddressHeader = 'from' | 'to' | 'cc' | 'delivered-to'

/** The raw values of a header in message order, unfolded, encoded words left as they are. */
export function headerValues(mail: ParsedMail, key: string): string[] {
  return mail.headerLines
    .filter((line) => line.key === key)
    .map((line) => {
      const colon = line.line.indexOf(':')
      return line.line
        .slice(colon + 1)
        .replace(/\r?\n(?=[ \t])/g, '')
        .trim()
    })
}

export function firstHeaderValue(mail: ParsedMail, key: string): string | null {
  return headerValues(mail, key)[0] ?? null
}

/** Every mailbox of an address header (all its occurrences), groups flattened. */
export function addressesOf(mail: ParsedMail, key: AddressHeader): MailAddress[] {
  const value = mail.headers.get(key) as AddressObject | AddressObject[] | undefined
  if (!value) return []
  const objects = Array.isArray(value) ? value : [value]
  return objects.flatMap((object) => flattenAddresses(object.value))
}

function flattenAddresses(entries: EmailAddress[]): MailAddress[] {
  return entries.flatMap((entry) => {
    if (entry.group) return flattenAddresses(entry.group)
    const address = entry.address?.trim().toLowerCase()
    return address ? [{ name: entry.name.trim(), address }] : []
  })
}

/**
 * The first Message-ID of a `Message-ID`, `In-Reply-To` or `References` value, without angle
 * brackets. In-Reply-To may carry a phrase (`<id> (Budi's message of …)`) and broken mailers
 * drop the brackets, so a bare `local@domain` token is taken when no bracketed id is there.
 */
export function firstMessageId(value: string | null): string | null {
  if (!value) return null
  const bracketed = /<([^<>\s]+)>/.exec(value)
  if (bracketed) return bracketed[1]!
  const bare = value.split(/\s+/).find((token) => /^[^\s@()"]+@[^\s@()"]+$/.test(token))
  return bare ?? null
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1)
}
