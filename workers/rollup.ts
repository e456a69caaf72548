// Recomputes the monthly rollups: `node --import tsx workers/rollup.ts`.
import { requireOwnCustomerKeySecret } from '../src/cli/require-own-secret.js'
import { reportError } from '../src/cli/run-command.js'
import { loadConfig } from '../src/config.js'
import { startWorker } from '../src/jobs/workers.js'
import { createServices } from '../src/services.js'
import { onShutdown } from '../src/shutdown.js'

try {
  const config = loadConfig()
  requireOwnCustomerKeySecret(config)
  const services = createServices(config)
  const worker = await startWorker(services, 'rollup', config.WORKER_CONCURRENCY)
  services.logger.info(
    { queue: 'rollup', concurrency: config.WORKER_CONCURRENCY },
    'worker started',
  )
  onShutdown(
    services.logger,
    config.SHUTDOWN_TIMEOUT_MS,
    () => services.close(),
    () => worker.close(),
  )
} catch (error) {
  reportError(error)
  process.exit()
}
