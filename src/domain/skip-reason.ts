/** Why a record was deliberately left out (formats/README.md, Bad records). */
type FixedSkipReason =
  | 'outgoing call'
  | 'intraswitch call'
  | 'ring record'
  | 'interim record'
  | 'conference leg'
  | 'interflow'
  | 'other disposition'
  | 'auto-reply'
  | 'bounce'
  | 'agent reply'
  | 'no attachment'
  | 'other unit'
  | 'agent-to-agent chat'
/** The fixed reasons plus `condition code X` for any other CDR condition code. */
export type SkipReason = FixedSkipReason | `condition code ${string}`
