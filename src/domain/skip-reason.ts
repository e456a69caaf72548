import { z } from 'zod'

/** Why a record was deliberately left out (formats/README.md, Bad records). */
export const SKIP_REASONS = [
  'outgoing call',
  'intraswitch call',
  'ring record',
  'interim record',
  'conference leg',
  'interflow',
  'other disposition',
  'auto-reply',
  'bounce',
  'agent reply',
  'no attachment',
  'other unit',
  'agent-to-agent chat',
] as const
export type FixedSkipReason = (typeof SKIP_REASONS)[number]
/** The fixed reasons plus `condition code X` for any other CDR condition code. */
export type SkipReason = FixedSkipReason | `condition code ${string}`
export const SkipReasonSchema = z.union([
  z.enum(SKIP_REASONS),
  z.custom<`condition code ${string}`>(
    (v) => typeof v === 'string' && /^condition code \S+$/.test(v),
  ),
])
