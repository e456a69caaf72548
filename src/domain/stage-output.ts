import type { DocumentOutput, RejectOutput, TicketOutput } from './adapter-output.js'
import {
  FIELD_MAX_LENGTHS,
  SOURCE_ID_MAX_LENGTH,
  truncateText,
  type LimitedField,
} from './field-limits.js'
import { redactContacts } from './redact-contacts.js'

/** A file name as file systems allow it (255), which the document table keeps whole. */
const FILE_NAME_MAX_LENGTH = 255

const LIMITED_FIELDS = Object.keys(FIELD_MAX_LENGTHS) as LimitedField[]
/**
 * Text a customer writes (or an agent copies from them). The agent field names staff (an email
 * agent is their address at the staff domain), which is no customer contact.
 */
const FREE_TEXT_FIELDS: readonly LimitedField[] = ['subject', 'topic']

/**
 * A ticket record as it may be stored, whatever its adapter: contacts in free text
 * replaced (redact-contacts.ts), descriptive fields within their limits (a cut is a warning
 * on the record). A record whose id is too long for an id becomes a reject.
 */
export function stageTicketOutput(output: TicketOutput): TicketOutput | RejectOutput {
  const { event } = output
  if (event.sourceTicketId.length > SOURCE_ID_MAX_LENGTH) {
    return {
      kind: 'reject',
      recordNumber: output.recordNumber,
      reason: `ticket id longer than ${SOURCE_ID_MAX_LENGTH} characters (${event.sourceTicketId.length})`,
      raw: JSON.stringify(event.raw),
    }
  }
  let staged = event
  const warnings: string[] = []
  for (const field of LIMITED_FIELDS) {
    const value = event[field]
    if (value === null) continue
    const redacted = FREE_TEXT_FIELDS.includes(field) ? redactContacts(value) : value
    const cut = truncateText(redacted, FIELD_MAX_LENGTHS[field])
    if (cut !== null) {
      warnings.push(`${field} cut to ${FIELD_MAX_LENGTHS[field]} of ${redacted.length} characters`)
    }
    const stored = cut ?? redacted
    if (stored !== value) staged = { ...staged, [field]: stored }
  }
  if (staged === output.event && warnings.length === 0) return output
  return {
    ...output,
    event: staged,
    ...(warnings.length > 0 || output.warnings
      ? { warnings: [...(output.warnings ?? []), ...warnings] }
      : {}),
  }
}

/** An Email Lapor attachment as it may be stored: an indexable Message-ID, a file name cut to 255. */
export function stageDocumentOutput(output: DocumentOutput): DocumentOutput | RejectOutput {
  const { document } = output
  if (document.messageId.length > SOURCE_ID_MAX_LENGTH) {
    return {
      kind: 'reject',
      recordNumber: output.recordNumber,
      reason: `Message-ID longer than ${SOURCE_ID_MAX_LENGTH} characters (${document.messageId.length})`,
      raw: `Message-ID: ${document.messageId.slice(0, SOURCE_ID_MAX_LENGTH)}…`,
    }
  }
  const fileName = truncateText(document.fileName, FILE_NAME_MAX_LENGTH)
  return { ...output, document: fileName === null ? document : { ...document, fileName } }
}
