import type { SkipReason } from '../domain/skip-reason.js'
import type { SampleFile } from './file-sink.js'

/** What one channel's part of the sample holds, counted as it is written. */
export interface ChannelResult {
  files: SampleFile[]
  /** Distinct tickets, consultations or not. */
  tickets: number
  /** Consultations per WIB month opened. */
  consultations: Record<string, number>
  /** Records a correct adapter rejects. */
  rejects: number
  /** Records a correct adapter skips, by reason. */
  skipped: Partial<Record<SkipReason, number>>
  /** Email Lapor documents per WIB month received (email channel only). */
  documents: Record<string, number>
}

export function createChannelResult(): ChannelResult {
  return { files: [], tickets: 0, consultations: {}, rejects: 0, skipped: {}, documents: {} }
}

export function countConsultation(result: ChannelResult, month: string, count = 1): void {
  result.consultations[month] = (result.consultations[month] ?? 0) + count
}

export function countSkip(result: ChannelResult, reason: SkipReason, count = 1): void {
  result.skipped[reason] = (result.skipped[reason] ?? 0) + count
}
