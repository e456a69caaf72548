import type { Command } from 'commander'
import type { MigrateOptions } from '../actions/migrate.js'

export function configureMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description(
      'Create the database if needed and apply every pending migration (safe to re-run). Reads DATABASE_URL.',
    )
    .option('--json', 'print the result as JSON')
    .option(
      '--init-secret',
      'print a new random CUSTOMER_KEY_SECRET to paste into the settings, and do nothing else',
    )
    .action(async (options: MigrateOptions) => {
      const { migrateAction } = await import('../actions/migrate.js')
      await migrateAction(options)
    })
}
