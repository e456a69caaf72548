import type { RollupPayload, RollupResult } from '../queue/catalog.js'
import type { Services } from '../services.js'
import { recomputeMonths, monthsToRecompute } from '../db/rollups.js'

/** Recomputes whole WIB months of the reporting tables; a rerun gives the same rows. */
export async function rollupMonths(
  services: Services,
  payload: RollupPayload,
): Promise<RollupResult> {
  const months = await monthsToRecompute(services.db, payload, new Date())
  await recomputeMonths(services.db, months, services.topicTaxonomy)
  services.logger.info({ months }, 'rollup finished')
  return { months }
}
