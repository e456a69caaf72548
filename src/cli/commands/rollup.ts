import { Option, type Command } from 'commander'
import type { RollupOptions } from '../actions/rollup.js'
import { parseMonth } from '../parse-options.js'

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
    .action(async (options: RollupOptions) => {
      const { rollupAction } = await import('../actions/rollup.js')
      await rollupAction(options)
    })
}
