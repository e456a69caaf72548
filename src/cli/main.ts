import { Command, CommanderError } from 'commander'
import { describeEnvironment } from '../config.js'
import { configureDashboardCommand } from './commands/dashboard.js'
import { configureDemoCommand } from './commands/demo.js'
import { configureDiscardCommand } from './commands/discard.js'
import { configureFailedCommand } from './commands/failed.js'
import { configureIngestCommand } from './commands/ingest.js'
import { configureMigrateCommand } from './commands/migrate.js'
import { configureRejectsCommand } from './commands/rejects.js'
import { configureReplayCommand } from './commands/replay.js'
import { configureReportCommand } from './commands/report.js'
import { configureRollupCommand } from './commands/rollup.js'
import { configureSampleCommand } from './commands/sample.js'
import { configureSchedulerCommand } from './commands/scheduler.js'
import { configureStatusCommand } from './commands/status.js'
import { configureWorkerCommand } from './commands/worker.js'
import { EXIT } from '../process/exit-codes.js'

// A reader that stops early (`dering status | head`) closes the pipe: the output is done, not failed.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok)
  throw error
})

const program = new Command('dering')
  // Parse errors throw instead of exiting, so that every usage error exits 2 (below); set before
  // the commands are added, which inherit it.
  .exitOverride()
  .description("Turns the contact center's channel exports into the monthly figures of its report.")
  .showHelpAfterError('(run with --help for usage)')
  .addHelpText(
    'after',
    `
Configuration comes from the environment (a flag beats the environment, which beats the default):
${describeEnvironment()}

Examples:
  dering migrate
  dering worker &
  dering ingest exports/whatsapp-2021-12.csv --wait
  dering status`,
  )

// Registering a command loads only its options and help; its action imports the implementation
// (src/cli/actions/) when it runs, so `dering worker` never loads the dashboard or the report.
const COMMANDS = [
  configureMigrateCommand,
  configureIngestCommand,
  configureWorkerCommand,
  configureSchedulerCommand,
  configureStatusCommand,
  configureFailedCommand,
  configureReplayCommand,
  configureDiscardCommand,
  configureRejectsCommand,
  configureRollupCommand,
  configureReportCommand,
  configureDashboardCommand,
  configureSampleCommand,
  configureDemoCommand,
]
for (const configure of COMMANDS) {
  configure(program)
}

try {
  await program.parseAsync(process.argv)
} catch (thrown) {
  if (!(thrown instanceof CommanderError)) throw thrown
  // Help and --version exit 0; anything else commander refuses is a usage error.
  process.exitCode = thrown.exitCode === 0 ? EXIT.ok : EXIT.usage
}
