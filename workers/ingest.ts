// Ingests export files and scans the inbox for them: `node dist/workers/ingest.js`.
import { startWorkers } from '../src/jobs/start-workers.js'
import { runProcess } from '../src/process/run-process.js'

await runProcess((services) => startWorkers(services, ['ingest', 'scan']))
