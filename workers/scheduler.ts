// Keeps the inbox scan and nightly rollup schedules in place: `node --import tsx workers/scheduler.ts`.
import { requireOwnCustomerKeySecret } from '../src/cli/require-own-secret.js'
import { reportError } from '../src/cli/run-command.js'
import { loadConfig } from '../src/config.js'
import { runScheduler } from '../src/jobs/run-scheduler.js'
import { createServices } from '../src/services.js'
import { onShutdown } from '../src/shutdown.js'

try {
  const config = loadConfig()
  requireOwnCustomerKeySecret(config)
  const services = createServices(config)
  const scheduler = await runScheduler(services)
  services.logger.info({ schedules: scheduler.schedules }, 'scheduler running')
  onShutdown(
    services.logger,
    config.SHUTDOWN_TIMEOUT_MS,
    () => services.close(),
    () => scheduler.close(),
  )
} catch (error) {
  reportError(error)
  process.exit()
}
