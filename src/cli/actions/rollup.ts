import { listPendingMonths, monthsToRecompute, recomputeMonths } from '../../db/rollups.js'
import type { RollupPayload } from '../../queue/catalog.js'
import type { Services } from '../../services.js'
import { EXIT } from '../../process/exit-codes.js'
import { printJson, runWithServices } from '../run-command.js'

export interface RollupOptions {
  month?: string[]
  all?: boolean
  json?: boolean
}

type MonthSource = 'months' | 'all' | 'pending' | 'recent'

export function rollupAction(options: RollupOptions): Promise<void> {
  return runWithServices((services) => rollupCommand(services, options))
}

async function rollupCommand(services: Services, options: RollupOptions): Promise<number> {
  const started = Date.now()
  const { source, months } = await chooseMonths(services, options)
  await recomputeMonths(services.db, months, services.topicTaxonomy)
  const seconds = (Date.now() - started) / 1000
  if (options.json) printJson({ source, months, seconds })
  else if (months.length === 0) console.log('no months to recompute')
  else {
    console.log(
      `recomputed ${months.length} month(s) (${source}): ${months.join(', ')} in ${seconds.toFixed(1)}s`,
    )
  }
  return EXIT.ok
}

async function chooseMonths(
  services: Services,
  options: RollupOptions,
): Promise<{ source: MonthSource; months: string[] }> {
  const now = new Date()
  const choose = async (source: MonthSource, payload: RollupPayload) => ({
    source,
    months: await monthsToRecompute(services.db, payload, now),
  })
  if (options.month?.length) return choose('months', { months: options.month })
  if (options.all) return choose('all', { all: true })
  const pending = await listPendingMonths(services.db)
  if (pending.length > 0) return { source: 'pending', months: pending }
  return choose('recent', { recent: true })
}
