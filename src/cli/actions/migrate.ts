import { ensureDatabase, migrateToLatest } from '../../db/migrator.js'
import { coerceError } from '../../errors.js'
import { EXIT } from '../../process/exit-codes.js'
import { generateCustomerKeySecret } from '../../process/require-own-secret.js'
import { printJson, runWithServices } from '../run-command.js'

export interface MigrateOptions {
  json?: boolean
  initSecret?: boolean
}

export function migrateAction(options: MigrateOptions): Promise<void> {
  if (options.initSecret) {
    // Printed, never stored: the operator pastes it into .env or the secret store.
    const secret = generateCustomerKeySecret()
    if (options.json) printJson({ CUSTOMER_KEY_SECRET: secret })
    else console.log(`CUSTOMER_KEY_SECRET=${secret}`)
    return Promise.resolve()
  }
  return runWithServices(async ({ config, db }) => {
    const created = await ensureDatabase(config.DATABASE_URL)
    const { error, results = [] } = await migrateToLatest(db)
    const applied = results.map((r) => ({ migration: r.migrationName, status: r.status }))
    if (options.json) {
      printJson({
        databaseCreated: created,
        applied,
        error: error ? coerceError(error).message : null,
      })
    } else {
      if (created) console.log('created database')
      for (const r of applied) {
        console.log(
          `${r.status === 'Success' ? 'applied' : r.status.toLowerCase()}  ${r.migration}`,
        )
      }
      if (!error) {
        console.log(
          applied.length === 0
            ? 'database is up to date'
            : `${applied.length} migration(s) applied`,
        )
      }
    }
    if (error) {
      process.stderr.write(`dering: migration failed: ${coerceError(error).message}\n`)
      return EXIT.failed
    }
    return EXIT.ok
  })
}
