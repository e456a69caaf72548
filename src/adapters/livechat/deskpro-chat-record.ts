/**
 * One chat as read from a Deskpro export, before it is understood: a decoded JSON value, or the
 * reason the record could not be decoded (`notJson`: the text is no JSON value at all). `raw` is
 * the record's JSON text for the quarantine.
 */
export type ChatRecord =
  | { recordNumber: number; value: unknown; raw: string }
  | { recordNumber: number; error: string; raw: string; notJson?: boolean }
