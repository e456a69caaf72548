import { Command } from 'commander'
import { describeEnvironment } from '../config.js'
import { configureDashboardCommand } from './commands/dashboard.js'
import { configureDemoCommand } from './commands/demo.js'
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

const program = new Command('dering')
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

await program.parseAsync(process.argv)
