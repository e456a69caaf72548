// Ingests export files and scans the inbox for them: `node --import tsx workers/ingest.ts`.
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
  const ingest = await startWorker(services, 'ingest', config.WORKER_CONCURRENCY)
  const scan = await startWorker(services, 'scan', 1)
  services.logger.info(
    { queues: ['ingest', 'scan'], concurrency: config.WORKER_CONCURRENCY },
    'worker started',
  )
  onShutdown(
    services.logger,
    config.SHUTDOWN_TIMEOUT_MS,
    () => services.close(),
    () => ingest.close(),
    () => scan.close(),
  )
} catch (error) {
  reportError(error)
  process.exit()
}
