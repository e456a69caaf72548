import type { Command } from 'commander'
import { ensureDatabase, migrateToLatest } from '../../db/migrator.js'
import { coerceError } from '../../errors.js'
import { EXIT, printJson, runWithServices } from '../run-command.js'

export function configureMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Create the database if needed and apply every pending migration (safe to re-run). Reads DATABASE_URL.')
    .option('--json', 'print the result as JSON')
    .action((options: { json?: boolean }) =>
      runWithServices(async ({ config, db }) => {
        const created = await ensureDatabase(config.DATABASE_URL)
        const { error, results = [] } = await migrateToLatest(db)
        const applied = results.map((r) => ({ migration: r.migrationName, status: r.status }))
        if (options.json) printJson({ databaseCreated: created, applied, error: error ? coerceError(error).message : null })
        else {
          if (created) console.log('created database')
          for (const r of applied) console.log(`${r.status === 'Success' ? 'applied' : r.status.toLowerCase()}  ${r.migration}`)
          if (!error) console.log(applied.length === 0 ? 'database is up to date' : `${applied.length} migration(s) applied`)
        }
        if (error) {
          process.stderr.write(`dering: migration failed: ${coerceError(error).message}\n`)
          return EXIT.failed
        }
        return EXIT.ok
      }),
    )
}
