/**
 * What an adapter's framing or conversion throws to tell `defineAdapter` (define-adapter.ts) how
 * a file or record failed; the framework turns each into the message the import shows.
 */

/** The file as a whole is not of the adapter's format: `not a <format> file: <reason>`. */
export class NotOfFormatError extends Error {
  override name = 'NotOfFormatError'
}

/**
 * This record is not a record of the format at all (a stray line, a JSON value that is no chat),
 * not merely one with a bad value. It is rejected like any bad record, but a file in which no
 * record is anything else is not of the format.
 */
export class NotARecordError extends Error {
  override name = 'NotARecordError'
}

/** The file ends inside record `recordNumber`: it was cut short, and reading stopped there. */
export class CutShortError extends Error {
  override name = 'CutShortError'
  constructor(
    readonly recordNumber: number,
    reason: string,
  ) {
    super(reason)
  }
}
