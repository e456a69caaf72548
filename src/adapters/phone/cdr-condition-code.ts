import type { SkipReason } from '../../domain/skip-reason.js'
import type { TicketStatus } from '../../domain/ticket-status.js'

export type ConditionOutcome =
  | { kind: 'ticket'; status: Extract<TicketStatus, 'resolved' | 'abandoned'> }
  | { kind: 'skip'; reason: SkipReason }

/** Condition codes of Communication Manager CDR records (formats/phone.md, A). */
const CONDITION_CODES: Readonly<Record<string, ConditionOutcome>> = {
  '9': { kind: 'ticket', status: 'resolved' },
  H: { kind: 'ticket', status: 'abandoned' },
  I: { kind: 'ticket', status: 'abandoned' },
  G: { kind: 'skip', reason: 'ring record' },
  '4': { kind: 'skip', reason: 'interim record' },
  D: { kind: 'skip', reason: 'interim record' },
  C: { kind: 'skip', reason: 'conference leg' },
  '0': { kind: 'skip', reason: 'intraswitch call' },
  '7': { kind: 'skip', reason: 'outgoing call' },
  A: { kind: 'skip', reason: 'outgoing call' },
  B: { kind: 'skip', reason: 'outgoing call' },
}

/** What a record with this (non-empty) condition code becomes; unknown codes are skipped by name. */
export function classifyConditionCode(code: string): ConditionOutcome {
  const normalized = code.trim().toUpperCase()
  return CONDITION_CODES[normalized] ?? { kind: 'skip', reason: `condition code ${normalized}` }
}
