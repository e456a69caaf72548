import { parseSociomile } from '../../../src/adapters/whatsapp/sociomile.js'
import type { AdapterOutput } from '../../../src/domain/adapter-output.js'
import type { TicketEvent } from '../../../src/domain/ticket-event.js'
import { runAdapter, testCustomerKey, blankEvent } from '../run-adapter.js'

/** Runs parseSociomile over a fixture of test/fixtures/whatsapp. */
export const run = (fixture: string) => runAdapter(parseSociomile, `whatsapp/${fixture}`)

export const HEADER =
  'Ticket ID;Channel;Customer Name;Customer Phone;Subject;Category;Customer Type;Status;Agent;Created At;First Response At;Resolved At'

/** The raw record of a fixture line without quoted fields, under the standard header. */
export function recordOf(line: string): Record<string, string> {
  const cells = line.split(';')
  return Object.fromEntries(HEADER.split(';').map((name, i) => [name.trim(), cells[i] ?? '']))
}

/** A WIB wall-clock time, e.g. wib('2021-12-01T09:23'). */
export const wib = (local: string) => new Date(`${local}+07:00`)

type ExpectedEvent = Partial<TicketEvent> & Pick<TicketEvent, 'sourceTicketId' | 'openedAt' | 'raw'>

/** A ticket output with the fields a row leaves empty filled in. */
export function ticket(
  recordNumber: number,
  event: ExpectedEvent,
  warnings?: string[],
): AdapterOutput {
  return {
    kind: 'ticket',
    recordNumber,
    ...(warnings && { warnings }),
    event: {
      ...blankEvent('whatsapp'),
      status: 'pending',
      ...event,
    },
  }
}

export const reject = (recordNumber: number, reason: string, raw: string): AdapterOutput => ({
  kind: 'reject',
  recordNumber,
  reason,
  raw,
})

/** `dd/mm/yyyy HH:MM` in WIB, the form of most fixture rows. */
function dayFirstWib(text: string): Date {
  const [, d, m, y, time] = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}:\d{2})$/.exec(text) ?? []
  if (!time) throw new Error(`give openedAt for ${text}`)
  return wib(`${y}-${m}-${d}T${time}`)
}

/**
 * A row of most fixtures: a resolved Pemda question answered by Rina, the ticket's fields read
 * off the fixture line; `fields` gives what differs.
 */
export function rinaTicket(
  recordNumber: number,
  line: string,
  fields: Partial<TicketEvent> = {},
): AdapterOutput {
  const raw = recordOf(line)
  return ticket(recordNumber, {
    sourceTicketId: raw['Ticket ID']!,
    openedAt: fields.openedAt ?? dayFirstWib(raw['Created At']!),
    status: 'resolved',
    agent: 'Rina',
    topic: raw.Category!,
    segment: 'pemda',
    subject: raw.Subject!,
    customerKey: testCustomerKey(raw['Customer Phone']),
    raw,
    ...fields,
  })
}
