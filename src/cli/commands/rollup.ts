import { Option, type Command } from 'commander'
import { listPendingMonths, monthsToRecompute, recomputeMonths } from '../../db/rollups.js'
import type { RollupPayload } from '../../queue/catalog.js'
import type { Services } from '../../services.js'
import { parseMonth } from '../parse-options.js'
import { EXIT, printJson, runWithServices } from '../run-command.js'

interface RollupOptions {
  month?: string[]
  all?: boolean
  json?: boolean
}

type MonthSource = 'months' | 'all' | 'pending' | 'recent'

export function configureRollupCommand(program: Command): void {
  program
    .command('rollup')
    .description(
      'Recompute the reporting.* rollups of whole WIB months, here and now (no queue, no worker needed). ' +
        'Without options: the months ingestion marked stale, else the current and previous month. Reads DATABASE_URL.',
    )
    .addOption(
      new Option('--month <YYYY-MM>', 'a month to recompute (repeat for several)')
        .argParser((value: string, previous: string[] = []) => [...previous, parseMonth(value)])
        .conflicts('all'),
    )
    .addOption(
      new Option(
        '--all',
        'every month with tickets or documents (and any month the rollups still hold)',
      ),
    )
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  dering rollup                      # the months marked stale by ingestion, else the last two
  dering rollup --month 2021-12
  dering rollup --month 2021-11 --month 2021-12
  dering rollup --all

A month is rewritten whole in one transaction, so a rerun gives the same rows.
Exit codes: 0 done, 2 bad arguments or settings, 3 Postgres unreachable.`,
    )
    .action((options: RollupOptions) =>
      runWithServices((services) => rollupCommand(services, options)),
    )
}

async function rollupCommand(services: Services, options: RollupOptions): Promise<number> {
  const started = Date.now()
  const { source, months } = await chooseMonths(services, options)
  await recomputeMonths(services.db, months)
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
