import fc from 'fast-check'
import { SEGMENTS } from '../../src/domain/segment.js'
import { TICKET_STATUSES } from '../../src/domain/ticket-status.js'
import type { TicketEvent } from '../../src/domain/ticket-event.js'

const instant = fc.option(
  fc.date({
    min: new Date('1999-01-01T00:00:00Z'),
    max: new Date('2040-12-31T23:59:59.999Z'),
    noInvalidDate: true,
  }),
)
/** Text as a batch stages it: COPY's separators and escapes, other scripts, empty. */
const text = fc.option(
  fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 6 }),
        fc.constantFrom('\t', '\n', '\r', '\\', '\\N', '\\t', 'Å', '🙏', '-Infinity', ' '),
      ),
      { maxLength: 5 },
    )
    .map((parts) => parts.join('')),
)

/** Any ticket record an adapter may give, as a batch stages it. */
export const ticketEventArb: fc.Arbitrary<TicketEvent> = fc.record({
  channel: fc.constantFrom('whatsapp', 'phone', 'email', 'hai_kemenkeu', 'livechat'),
  sourceTicketId: text.map((id) => id || 'T-1'),
  openedAt: instant,
  firstResponseAt: instant,
  closedAt: instant,
  status: fc.constantFrom(...TICKET_STATUSES),
  agent: text,
  topic: text,
  segment: fc.option(fc.constantFrom(...SEGMENTS)),
  subject: text,
  customerKey: text,
  messageCount: fc.option(fc.nat(100_000)),
  raw: fc.constant({}),
})
