/** The counts that add up: read = inserted + updated + unchanged + skipped + rejected. */
export interface RecordOutcomes {
  read: number
  inserted: number
  updated: number
  unchanged: number
  skipped: number
  rejected: number
}

/** What happened to a file's records. */
export interface ImportCounts extends RecordOutcomes {
  /** Optional fields that did not parse (left empty); not part of the sum. */
  warnings: number
  skippedByReason: Record<string, number>
}

export function emptyCounts(): ImportCounts {
  return {
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    rejected: 0,
    warnings: 0,
    skippedByReason: {},
  }
}

export function addCounts(total: ImportCounts, batch: ImportCounts): ImportCounts {
  const skippedByReason = { ...total.skippedByReason }
  for (const [reason, count] of Object.entries(batch.skippedByReason)) {
    skippedByReason[reason] = (skippedByReason[reason] ?? 0) + count
  }
  return {
    read: total.read + batch.read,
    inserted: total.inserted + batch.inserted,
    updated: total.updated + batch.updated,
    unchanged: total.unchanged + batch.unchanged,
    skipped: total.skipped + batch.skipped,
    rejected: total.rejected + batch.rejected,
    warnings: total.warnings + batch.warnings,
    skippedByReason,
  }
}
